"""Register table rows rendered in Python: the phone labels said once per table, and a
cell rendered once per distinct value gives the same HTML as one rendered per cell."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.datasets import Column
from generator.render.tablerows import LABELLED_COLUMNS, stack_style, table_rows

COLUMNS = [Column("reference", "Reference"), Column("date", "Date", "date"),
           Column("supplier", "Supplier"), Column("amount", "Amount", "money"),
           Column("note", "Officer's \"note\" <&>")]


def _rows(columns: list[Column], rows: list[dict[str, object]], stack: bool = True,
          lead: tuple[str, ...] = ()) -> str:
    return str(table_rows(columns, rows, {}, lambda path: path, lambda key: key, stack, lead))


def test_a_stacked_table_names_its_columns_once_in_its_style_not_in_each_cell() -> None:
    style = str(stack_style(COLUMNS, ("supplier", "amount", "date")))
    assert style == (' style="--c1:\'Reference: \';--c2:\'Date: \';--c3:\'Supplier: \';'
                     "--c4:'Amount: ';--c5:'Officer\\'s &#34;note&#34; &lt;&amp;&gt;: ';"
                     '--o3:-3;--f3:1.05rem;--o4:-2;--o2:-1"')
    html = _rows(COLUMNS, [{"reference": "R1", "date": date(2026, 10, 1), "supplier": "S",
                            "amount": Decimal("946.16"), "note": "n"}],
                 lead=("supplier", "amount", "date"))
    assert "data-label" not in html and ' class="l' not in html
    assert '<td class="num" data-sort="946.16">£946.16</td>' in html


def test_a_lead_column_missing_from_the_table_keeps_the_others_places() -> None:
    assert str(stack_style(COLUMNS[:2], ("supplier", "amount", "date"))).endswith(
        '--o2:-1"')


def test_a_table_wider_than_the_stylesheet_knows_labels_each_cell() -> None:
    wide = [Column(f"c{n}", f"Column {n}") for n in range(LABELLED_COLUMNS + 1)]
    assert str(stack_style(wide, ("c3",))) == ""
    html = _rows(wide, [{"c3": "x"}], lead=("c3",))
    assert '<td class="l1" data-label="Column 3">x</td>' in html
    assert '<th scope="row" data-label="Column 0"></th>' in html


def test_equal_values_of_different_types_are_not_confused() -> None:
    columns = [Column("reference", "Reference"), Column("value", "Value")]
    html = _rows(columns, [{"reference": "a", "value": "1"}, {"reference": "b", "value": 1},
                           {"reference": "c", "value": True},
                           {"reference": "d", "value": Decimal("1.0")}], stack=False)
    cells = [line for line in html.splitlines() if line.startswith("<td")]
    assert cells == ["<td>1</td>", "<td>1</td>", "<td>True</td>", "<td>1.0</td>"]
    money = [Column("reference", "Reference"), Column("amount", "Amount", "money")]
    html = _rows(money, [{"reference": "a", "amount": Decimal("5")},
                         {"reference": "b", "amount": Decimal("5.00")},
                         {"reference": "c", "amount": "7.5"}, {"reference": "d"}], stack=False)
    cells = [line for line in html.splitlines() if line.startswith("<td")]
    assert cells == ['<td class="num" data-sort="5">£5</td>',
                     '<td class="num" data-sort="5.00">£5</td>',
                     '<td class="num" data-sort="7.5">£7.50</td>', '<td class="num"></td>']
