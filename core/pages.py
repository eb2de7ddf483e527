"""The product's own pages everyone may read: the toegankelijkheidsverklaring and the privacy
statement (linked from every page's footer)."""

from django.conf import settings
from django.views.generic import TemplateView


class ProductPage(TemplateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_email=settings.CONTACT_EMAIL,
            statement_date=settings.ACCESSIBILITY_STATEMENT_DATE,
            **kwargs,
        )


accessibility = ProductPage.as_view(template_name="core/toegankelijkheid.html")
privacy = ProductPage.as_view(template_name="core/privacy.html")
