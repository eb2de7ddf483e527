"""The figures of a gemeente (/cijfers/): the overview with targets and trend judgements, the distribution."""
