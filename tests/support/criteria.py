"""The council's criterion form as the dashboard posts it."""
from core.form_tokens.services import form_token_new


def form_data(**overrides) -> dict:
    data = {
        "name_id": "Pewarna alam", "name_en": "Natural dye", "code": "",
        "guidance_id": "Cek bau dan warna.", "guidance_en": "Check smell and colour.",
        "is_mandatory": "on", "crafts": [], "is_active": "on", "display_order": "",
        "form_token": form_token_new(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not False}
