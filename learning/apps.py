from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning: actions, learning reviews, bulletins and supervision packs"
