from django.conf import settings


def service(request):
    return {"service_name": "Good Catch", "demo_mode": settings.DEMO}
