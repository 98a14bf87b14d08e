class NoStoreMiddleware:
    """Pages here carry personal data about children: never let a browser or
    proxy keep a copy (Cache-Control: no-store), except for static assets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response
