"""The knowledge base: pages, the products they apply to, reader feedback and the review task."""

from .feedback import ArticleFeedback, FeedbackReason
from .pages import (
    ArticlePage,
    ArticlePageTag,
    ArticleRelatedArticle,
    CategoryPage,
    KnowledgeBaseIndexPage,
)
from .products import Product
from .promotion import Nomination, Provenance
from .settings import KnowledgeBaseSettings
from .workflow import ReviewByAnotherStaffTask

__all__ = [
    "ArticleFeedback",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedArticle",
    "CategoryPage",
    "FeedbackReason",
    "KnowledgeBaseIndexPage",
    "KnowledgeBaseSettings",
    "Nomination",
    "Product",
    "Provenance",
    "ReviewByAnotherStaffTask",
]
