"""robots.txt and sitemap.xml live outside the language prefixes."""

urlpatterns = []
