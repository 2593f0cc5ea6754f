"""Finding things on the example site: the home page shows what is current, the footer
links the data, the menu goes where its words say, the logo is the favicon."""

from __future__ import annotations

from htmltools import Element, parse_html
from public_site import BASE_PATH, example_build


def _page(path: str) -> Element:
    example = example_build()
    return parse_html((example.out / path.strip("/") / "index.html").read_bytes()
                      if path != "/" else (example.out / "index.html").read_bytes())


def _section(main: Element, heading_id: str) -> Element:
    heading = main.find("h2", id=heading_id)
    assert heading is not None and heading.parent is not None, heading_id
    return heading.parent


def test_home_page_shows_what_is_current_not_the_menu_again() -> None:
    main = _page("/").find("main")
    assert main is not None
    assert main.find("ul", **{"class": "cards"}) is None
    coming = [a.attrs["href"] for a in _section(main, "next-meetings").find_all("a")]
    # the example is built on 2026-11-23: the next meetings, soonest first
    assert coming[:2] == [BASE_PATH + "meetings/joint-audit-committee/2026-12-09/",
                          BASE_PATH + "meetings/police-and-crime-panel/2027-01-20/"]
    decisions = _section(main, "latest-decisions").find_all("li")
    assert len(decisions) == 3 and decisions[0].find("time") is not None
    spending = _section(main, "latest-spending")
    # the newest month of spending: the example's November 2026 export
    assert spending.find("a").attrs["href"] == BASE_PATH + "registers/spending/2026-11/"
    assert "£110,629" in spending.text and "18 items" in spending.text
    recent = _section(main, "recently-updated").find_all("li")
    assert len(recent) == 5
    assert main.find("a", href=BASE_PATH + "data/") is not None


def test_every_footer_links_the_data_and_the_menu_goes_where_it_says() -> None:
    for path in ("/", "/contact/", "/registers/spending/2026-10/"):
        tree = _page(path)
        footer = tree.find("footer")
        assert footer is not None and footer.find("a", href=BASE_PATH + "data/") is not None
        icon = tree.find("link", rel="icon")
        assert icon is not None and icon.attrs["href"] == BASE_PATH + "images/logo.svg"
        assert icon.attrs["type"] == "image/svg+xml"
    nav = _page("/registers/spending/2026-10/").find("nav", **{"class": "site-nav"})
    assert nav is not None
    spending = next(a for a in nav.find_all("a") if a.text == "Spending")
    assert spending.attrs["href"] == BASE_PATH + "registers/spending/"
    assert spending.attrs.get("aria-current") == "true"
    registers = next(a for a in nav.find_all("a") if a.text == "Registers")
    assert "aria-current" not in registers.attrs


def test_phone_numbers_and_emails_in_content_are_links() -> None:
    main = _page("/contact/").find("main")
    assert main is not None
    hrefs = {a.attrs["href"] for a in main.find_all("a")}
    assert {"tel:+441632960123", "mailto:opcc@northshire-pcc.example"} <= hrefs


def test_interests_declared_do_not_count_none() -> None:
    tree = _page("/registers/interests/")
    rows = {tr.find("th").text: [td.text for td in tr.find_all("td")]
            for tr in tree.find_all("tr") if tr.find("th", scope="row") is not None}
    # Rebecca Ashworth's register has 8 rows, two of them "None"
    assert rows["Rebecca Ashworth"][-1] == "6"
