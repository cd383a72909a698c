"""Query budgets shared by the test modules."""

from django.db import connection

from articles import compiled


def article_page_queries():
    """An article page's queries: the article (with its section, analysis
    box and picture), its authors, topics and takeaways, and its related
    articles. Where queries go to the database in a pipeline (PostgreSQL),
    the authors, topics and takeaways are columns of the article's row."""
    return 2 if compiled.pipelines(connection.alias) else 5
