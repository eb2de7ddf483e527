"""The load benchmark's arithmetic (the run itself needs gunicorn and the large data set)."""

from indicators.benchmarking.load import Result, format_result


def test_the_percentiles_are_read_from_the_sorted_latencies():
    result = Result("lijst", 4, 100, 2.0, [n / 1000 for n in range(100, 0, -1)], 0)
    assert (result.percentile(50), result.percentile(95), result.percentile(99)) == (
        0.051,
        0.095,
        0.099,
    )
    assert result.per_second == 50


def test_a_line_says_the_concurrency_the_rate_and_the_errors():
    line = format_result(Result("lijst", 16, 32, 1.0, [0.1] * 32, 2))
    assert "c=16" in line and "32.0 req/s" in line and "p95     100 ms" in line
    assert line.endswith("2 fouten")
