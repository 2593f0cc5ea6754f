"""Register table rows rendered in Python: a cell rendered once per distinct value gives
the same HTML as one rendered per cell."""

from __future__ import annotations

from decimal import Decimal

from generator.datasets import Column
from generator.render.tablerows import table_rows


def _rows(columns: list[Column], rows: list[dict[str, object]], stack: bool = True,
          lead: tuple[str, ...] = ()) -> str:
    return str(table_rows(columns, rows, {}, lambda path: path, lambda key: key, stack, lead))


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


def test_a_stacked_table_labels_each_cell_in_an_attribute_not_a_style() -> None:
    """Phone labels are data (``data-label``) the stylesheet shows: no style attribute,
    which a strict Content-Security-Policy would block and content must never write."""
    columns = [Column("reference", "Reference"), Column("supplier", "Supplier"),
               Column("note", "Officer's \"note\" <&>")]
    html = _rows(columns, [{"reference": "a", "supplier": "B", "note": "c"}])
    assert "style=" not in html
    assert 'data-label="Officer&#39;s &#34;note&#34; &lt;&amp;&gt;"' in html
    assert 'data-label="Supplier">B</td>' in html
