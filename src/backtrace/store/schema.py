"""The tables, declared once with SQLAlchemy Core so SQLite and PostgreSQL share them.

Provenance chain: a fact row -> fact_claims -> claims -> spans -> documents. Nothing is
stored about a film that cannot be walked back to a character span of a document.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

migrations = Table(
    "migrations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),  # content hash
    Column("path", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", Text),
    Column("title_explicit", Boolean, nullable=False, default=False),
    Column("date", String(10)),
    Column("text", Text, nullable=False),
    Column("sections", JSON, nullable=False),
    Column("sentences", JSON, nullable=False),
    Column("source_format", String(20), nullable=False),
    Column("meta", JSON, nullable=False),
    Column("film_title", Text),  # what extraction says the document is about
    Column("film_year", Integer),
    Column("film_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("ingested_at", String(40), nullable=False),
    Column("seq", Integer, nullable=False),  # ingest order, for "recent documents"
)
Index("ix_documents_film", documents.c.film_id)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),  # normalised name used for matching
    Column("year", Integer, nullable=False, default=0),  # 0 = unknown
    UniqueConstraint("type", "key", "year", name="uq_entities_type_key_year"),
)
Index("ix_entities_key", entities.c.key)
# the lists of films a page at a time ("/films?decade=1950&sort=title|year"): read in the
# page's order and stopped at its end (migration 0013_browse_order), never sorted whole
Index("ix_entities_type_name", entities.c.type, entities.c.name, entities.c.year)
Index("ix_entities_type_year", entities.c.type, entities.c.year, entities.c.name)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("key", Text, nullable=False),
    # why this name was linked to the entity when another entity bore it first (migration
    # 0006_identity): a rule of resolve.identity.RULES; NULL for a name read as the entity's
    Column("reason", Text),
    UniqueConstraint("entity_id", "alias", name="uq_aliases_entity_alias"),
)
Index("ix_aliases_key", aliases.c.key)

# Where each alias was read: one row per (entity, alias, span) (migration 0005_linking).
alias_spans = Table(
    "alias_spans",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("span_id", String(64), ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
    Column(
        "document_id",
        String(32),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    UniqueConstraint("entity_id", "alias", "span_id", name="uq_alias_spans"),
)
Index("ix_alias_spans_entity", alias_spans.c.entity_id)
Index("ix_alias_spans_document", alias_spans.c.document_id)

spans = Table(
    "spans",
    metadata,
    Column("id", String(64), primary_key=True),  # "<document>:<start>-<end>"
    Column(
        "document_id",
        String(32),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_spans_document", spans.c.document_id)

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),  # "<document>:<n>"
    Column(
        "document_id",
        String(32),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("span_id", String(64), ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
    Column("subject_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("subject_mention", Text),  # a film named in the text, when not the document's own
    Column("property", String(40), nullable=False),
    Column("value", JSON, nullable=False),
    Column("value_key", Text, nullable=False),
    Column("value_entity_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("qualifiers", JSON, nullable=False),
    Column("extractor", String(40), nullable=False),
    Column("confidence", Float, nullable=False),
)
Index("ix_claims_subject", claims.c.subject_id, claims.c.property)
Index("ix_claims_document", claims.c.document_id)
Index("ix_claims_value_entity", claims.c.value_entity_id)
# who holds a role ("/people?role=narrator"): the few people credited so, not every person
Index("ix_claims_property_value", claims.c.property, claims.c.value_entity_id)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("property", String(40), nullable=False),
    Column("value", JSON, nullable=False),
    Column("value_key", Text, nullable=False),
    Column("qualifiers", JSON, nullable=False),
    Column("status", String(20), nullable=False),  # agreed | conflict | overridden
    Column("believed", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("position", Integer, nullable=False),  # order within the property
    Column("override_id", Integer),  # the curator's override that decided it (0004_overrides)
)
Index("ix_facts_entity", facts.c.entity_id, facts.c.property)
# the disputed facts ("/conflicts"): a few hundred of the store's facts, found by status
Index("ix_facts_status", facts.c.status, facts.c.entity_id)

fact_claims = Table(
    "fact_claims",
    metadata,
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", String(64), ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_fact_claims_fact", fact_claims.c.fact_id)

overrides = Table(
    "overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("property", String(40), nullable=False),
    Column("value", JSON, nullable=False),
    Column("qualifiers", JSON, nullable=False),
    Column("reason", Text, nullable=False),  # the curator's words
    Column("created_at", String(40), nullable=False),
    Column("undone_at", String(40)),  # NULL while the decision stands
)
Index("ix_overrides_entity", overrides.c.entity_id, overrides.c.property)

# Critics' reviews (migration 0003_reviews). A review belongs to the document it was read
# from; its film is that document's film (documents.film_id), so it follows a later link.
reviews = Table(
    "reviews",
    metadata,
    Column("id", String(64), primary_key=True),  # "<document>:r<n>"
    Column(
        "document_id",
        String(32),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("position", Integer, nullable=False),  # order within the document
    Column("source", String(10), nullable=False),  # document | quote
    Column("critic", Text),
    Column("outlet", Text),
    Column("date", String(10)),
    Column("polarity", String(10), nullable=False),  # positive | negative | mixed
    Column("probability", Float, nullable=False),
    Column("basis", String(10), nullable=False),  # model | lexicon | cue | score
    Column("score", JSON),  # {"text", "value", "scale", "normalized"}
    Column("score_span_id", String(64), ForeignKey("spans.id", ondelete="SET NULL")),
    # the critic as a person of the store, the outlet's key (keys.outlet_key): migration
    # 0010_critics
    Column("critic_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("outlet_key", Text),
)
Index("ix_reviews_document", reviews.c.document_id)
Index("ix_reviews_critic", reviews.c.critic_id)
Index("ix_reviews_outlet", reviews.c.outlet_key)  # an outlet's name: the form most write

review_spans = Table(
    "review_spans",
    metadata,
    Column("review_id", String(64), ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False),
    Column("span_id", String(64), ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
)
Index("ix_review_spans_review", review_spans.c.review_id)

review_aspects = Table(
    "review_aspects",
    metadata,
    Column("id", String(72), primary_key=True),  # "<review>:a<n>"
    Column("review_id", String(64), ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False),
    Column("aspect", String(20), nullable=False),
    Column("polarity", String(10), nullable=False),
    Column("mentioned", JSON, nullable=False),  # names the sentence gives (performances)
    Column("span_id", String(64), ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
)
Index("ix_review_aspects_review", review_aspects.c.review_id)

# Written by every ingest chunk in its own transaction, so what it leaves for later steps
# survives a kill between them: the name blocks whose people are to be relinked
# (``ingest.relink_people`` empties it), and small counters (``store_meta``).
pending_people = Table(
    "pending_people",
    metadata,
    Column("block", Text, primary_key=True),
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
