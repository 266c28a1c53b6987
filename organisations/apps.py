from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"

    def ready(self) -> None:
        # protection builds each organisation's de-identification settings, and imports no context:
        # it reads what the organisation chose through the function registered here.
        from organisations.services import chosen_deid_settings
        from protection import redaction

        redaction.read_chosen_settings_with(chosen_deid_settings)
