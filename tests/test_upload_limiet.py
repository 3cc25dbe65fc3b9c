"""The uploader's own help text must not contradict the 5 MB rule of the upload check."""


def test_streamlit_upload_limit_is_the_5_mb_of_the_check():
    """The uploader's own text ("Limit 5MB per file") comes from server.maxUploadSize; it must equal MAX_BYTES."""
    import tomllib

    from llo_dash.config import PROJECT_ROOT
    from llo_dash.views.sectoren.upload_reader import MAX_BYTES

    instellingen = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert instellingen["server"]["maxUploadSize"] * 2**20 == MAX_BYTES == 5 * 2**20
