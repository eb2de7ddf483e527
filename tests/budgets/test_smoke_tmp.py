from tests.budgets.conftest import approved, day


def test_pages_render(world, controller, client_for):
    v = world.vlissingen
    approved(v, 2018, "primitief", controller, world.beleid, {"6.3": (1000, 100), "6.71": (500, 0)})
    approved(v, 2018, "wijziging", controller, world.beleid, {"6.3": (200, 0)}, datum=day(2018, 6, 1))
    approved(v, 2018, "realisatie", controller, world.beleid, {"6.3": (1300, 90), "6.71": (400, 0)})
    c = client_for(controller)
    for url in ["/begroting/", "/begroting/?organisatie=GM0718&jaar=2018&eenheid=euro", "/begroting/reeks/", "/begroting/versies/", "/begroting/versies/nieuw/", "/begroting/versies/1/", "/begroting/versies/1/geschiedenis/"]:
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code)
    r = c.get("/begroting/?organisatie=GM0718&jaar=2018&eenheid=euro")
    print(r.content.decode()[:100])
    assert "1.500" in r.content.decode()
