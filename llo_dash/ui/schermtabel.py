"""Framework workaround: a table's Dutch display values sent to `st.dataframe` without pandas' HTML model.

`st.dataframe(styler)` asks the Styler for its full HTML render model (`Styler._translate`: header,
index and body cells with ids, classes and attributes, tens of microseconds per cell) only to read the
display value of each body cell and the CSS rules (we set none). For our tables that was the largest
cost of a page run (60–100 ms per table). `snel` gives one Styler instance a `_translate` that builds
only what Streamlit reads (body cells with id and display value, no styles), using the Styler's own
display functions, so the message sent to the browser stays byte for byte the same; proven by
`tests/test_schermtabel.py` against the real `_translate` for every kind of column.

Relies on private names of pandas (`_display_funcs`, `_compute`, `_translate`) and on Streamlit reading
only "body", "table_styles" and "cellstyle" (`streamlit.elements.lib.pandas_styler_utils`); the test
fails when either changes.
"""

from __future__ import annotations

from pandas.io.formats.style import Styler


def snel(styler: Styler) -> Styler:
    """`styler` with a lean render model for `st.dataframe`; only for Stylers that format values (no
    `apply`/`map` styles, no table styles, no hidden rows or columns): otherwise it is returned unchanged."""
    if (styler._todo or styler.table_styles or styler.hidden_rows or styler.hidden_columns or not styler.cell_ids
            or styler.css.get("row") != "row" or styler.css.get("col") != "col"):
        return styler  # styles to compute or hide: pandas' own render model

    def translate(*_args, **_kwargs) -> dict:
        # The values as pandas' own render loop reads them (itertuples). A text cell without a format of its own
        # is left out: pandas would show the text itself, which is what Streamlit starts from (`astype(str)`),
        # and every cell given costs Streamlit a write into its copy of the table.
        functies = styler._display_funcs
        body = [[{"id": f"row{r}_col{c}", "display_value": functies[(r, c)](waarde)}
                 for c, waarde in enumerate(rij[1:]) if (r, c) in functies or not isinstance(waarde, str)]
                for r, rij in enumerate(styler.data.itertuples())]
        return {"body": body, "table_styles": [], "cellstyle": []}

    styler._compute = lambda: styler  # nothing to compute: there are no styles
    styler._translate = translate
    return styler
