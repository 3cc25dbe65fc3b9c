"""Sectoren & beroepen, pure (no Streamlit): the occupations with much low literacy, their tension, and the
region's sector structure.

    spanning         the UWV typology and the national figures as published (reference tables; the build reads them too)
    beroepen         the occupations overview, the tension shown (national or uploaded), their tables
    sectorstructuur  vestigingen per sector group against Nederland, totals, occupations per sector group
    text             the answers to the handreiking's questions, notes and source lines
    figures          the plotly figures (projector-size text)
    upload           checking an upload of the region's own UWV figures, and its template
    upload_reader    reading that file safely into rows of cells

Nothing is imported here, so the build can read `spanning` without loading the rest.
"""
