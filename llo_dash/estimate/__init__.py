"""The low-literacy estimate per gemeente, arbeidsmarktregio, wijk and Nederland (a transparent synthetic model)."""
