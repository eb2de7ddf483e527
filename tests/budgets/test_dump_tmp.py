from tests.budgets.conftest import approved, day
import re

def test_dump(world, controller, client_for):
    v = world.vlissingen
    approved(v, 2018, "primitief", controller, world.beleid, {"6.3": (1000, 100), "6.71": (500, 0)})
    approved(v, 2018, "wijziging", controller, world.beleid, {"6.3": (200, 0)}, datum=day(2018, 6, 1))
    approved(v, 2018, "realisatie", controller, world.beleid, {"6.3": (1300, 90), "6.71": (400, 0)})
    approved(v, 2023, "primitief", controller, world.beleid, {"6.71a": (300, 0), "6.71b": (250, 0)})
    c = client_for(controller)
    r = c.get("/begroting/?organisatie=GM0718&jaar=2018&eenheid=euro")
    html = r.content.decode()
    html = re.sub(r'src="data:[^"]+"', 'src="..."', html)
    open("/tmp/overview.html","w").write(html)
    r = c.get("/begroting/reeks/?organisatie=GM0718&van=2018&tot=2023&eenheid=euro")
    html = re.sub(r'src="data:[^"]+"', 'src="..."', r.content.decode())
    open("/tmp/series.html","w").write(html)
    r = c.get("/begroting/versies/1/")
    open("/tmp/detail.html","w").write(r.content.decode())
