from django.conf import settings


def permissions_policy_header(policy):
    """`{"camera": [], "web-share": ["self"]}` -> `camera=(), web-share=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(allowlist)})" for feature, allowlist in policy.items()
    )


class SecurityHeadersMiddleware:
    """The security headers Django has no setting for.

    A view may set its own value first (media files allow cross-origin use);
    this only fills in what is missing.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY
        )
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        # WhiteNoise answers static files before Django's clickjacking
        # middleware runs; the header costs nothing there too.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
