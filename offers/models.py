"""Offers (the gold layer users see) and the reference data they lean on.

`offers` imports nothing from the other apps: ingestion writes these rows through
offers.services, matching and candidates read them through the read modules
(offers.search, offers.catalogue, offers.market, offers.feed).
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.geography.gazetteer import departements, region_of, regions


class Source(models.TextChoices):
    FRANCE_TRAVAIL = "francetravail", "France Travail"
    ADZUNA = "adzuna", "Adzuna"


class ContractType(models.TextChoices):
    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    INTERIM = "interim", _("Intérim")
    SAISONNIER = "saisonnier", _("Saisonnier")
    INDEPENDANT = "independant", _("Indépendant / freelance")
    APPRENTISSAGE = "apprentissage", _("Apprentissage / alternance")
    STAGE = "stage", _("Stage")
    AUTRE = "autre", _("Autre")


class Seniority(models.TextChoices):
    # The three levels of France Travail's own `experience` filter.
    DEBUTANT = "debutant", _("Débutant accepté (moins d'1 an)")
    JUNIOR = "junior", _("1 à 3 ans d'expérience")
    CONFIRME = "confirme", _("Plus de 3 ans d'expérience")


class WorkingTime(models.TextChoices):
    FULL_TIME = "full_time", _("Temps plein")
    PART_TIME = "part_time", _("Temps partiel")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Fermée")


class Occupation(models.Model):
    """A ROME occupation (fiche métier). Loaded by `load_rome`, or grown from offers."""

    code = models.CharField(_("code ROME"), max_length=5, primary_key=True)
    label = models.CharField(_("libellé"), max_length=255)
    definition = models.TextField(_("définition"), blank=True)
    access = models.TextField(_("accès au métier"), blank=True)
    close_occupations = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="close_to", verbose_name=_("métiers proches")
    )
    parent_code = models.CharField(
        _("code ROME parent"),
        max_length=5,
        blank=True,
        help_text=_("ROME 4 détaille certains métiers (M1855 développeur back-end) sous un code parent (M1805)."),
    )
    from_referential = models.BooleanField(
        _("issu du référentiel ROME"), default=False, help_text=_("Faux quand le code n'est connu que par les offres.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("métier ROME")
        verbose_name_plural = _("métiers ROME")

    def __str__(self) -> str:
        return f"{self.code} – {self.label}"


class OccupationTitle(models.Model):
    """A job title (ROME "appellation"): the synonyms a job seeker actually types."""

    label = models.CharField(_("appellation"), max_length=255)
    short_label = models.CharField(_("appellation courte"), max_length=255, blank=True)
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="titles")
    ogr_code = models.CharField(_("code OGR"), max_length=10, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("appellation")
        verbose_name_plural = _("appellations")
        constraints = [models.UniqueConstraint(fields=["occupation", "label"], name="occupation_title_unique_label")]

    def __str__(self) -> str:
        return self.label


class Commune(models.Model):
    insee_code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=255)
    normalized_name = models.CharField(_("nom normalisé"), max_length=255, db_index=True)
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    region = models.CharField(_("région"), max_length=3, blank=True)
    postcodes = ArrayField(models.CharField(max_length=5), default=list, blank=True, verbose_name=_("codes postaux"))
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    is_district = models.BooleanField(_("arrondissement municipal"), default=False)
    district_of = models.CharField(
        _("arrondissement de"),
        max_length=5,
        blank=True,
        help_text=_("Code INSEE de la ville (Paris, Lyon, Marseille)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        indexes = [GinIndex(fields=["postcodes"], name="commune_postcodes_gin")]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement})"


class Offer(models.Model):
    """One job as users see it, whatever the number of sources that posted it."""

    title = models.CharField(_("intitulé"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    description_truncated = models.BooleanField(
        _("description tronquée"), default=False, help_text=_("Adzuna coupe les descriptions à 500 caractères.")
    )
    company = models.CharField(_("entreprise"), max_length=255, blank=True)
    city = models.CharField(_("ville"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    departement = models.CharField(_("département"), max_length=3, blank=True)
    commune_insee = models.CharField(_("code INSEE"), max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    contract_type = models.CharField(
        _("contrat"), max_length=20, choices=ContractType.choices, default=ContractType.AUTRE
    )
    working_time = models.CharField(_("temps de travail"), max_length=20, choices=WorkingTime.choices, blank=True)
    seniority = models.CharField(_("expérience"), max_length=20, choices=Seniority.choices, blank=True)
    # France Travail's `experienceExige` "E": the experience is required, not only wished ("S").
    experience_required = models.BooleanField(_("expérience exigée"), default=False)
    domain = models.CharField(_("secteur"), max_length=255, blank=True)
    rome_code = models.CharField(_("code ROME"), max_length=5, blank=True)
    rome_label = models.CharField(_("métier ROME"), max_length=255, blank=True)
    # The occupation the project reads (offers.understanding.occupations.offer_occupation_read): the
    # source's ROME code unless the title plainly names another, else the one the title names (Adzuna
    # gives none); blank when unsure. Written at each upsert, re-read by `manage.py read_occupations`.
    occupation_code = models.CharField(_("métier lu"), max_length=5, blank=True, default="", db_default="")
    occupation_confidence = models.FloatField(_("confiance du métier lu"), default=0.0, db_default=0.0)
    skills = ArrayField(models.CharField(max_length=255), default=list, blank=True, verbose_name=_("compétences"))
    soft_skills = ArrayField(models.CharField(max_length=255), default=list, blank=True, verbose_name=_("savoir-être"))
    salary_min = models.PositiveIntegerField(_("salaire annuel min (€)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salaire annuel max (€)"), null=True, blank=True)
    salary_text = models.CharField(_("salaire (texte d'origine)"), max_length=500, blank=True)
    # A source's own estimate (Adzuna's predicted salaries), never mixed with an employer's figure:
    # shown labelled "estimation", left out of salary filters unless asked.
    salary_estimate_min = models.PositiveIntegerField(_("estimation de salaire annuel min (€)"), null=True, blank=True)
    salary_estimate_max = models.PositiveIntegerField(_("estimation de salaire annuel max (€)"), null=True, blank=True)
    remote = models.BooleanField(_("télétravail"), default=False)
    sources = ArrayField(
        models.CharField(max_length=20, choices=Source.choices), default=list, verbose_name=_("sources")
    )
    status = models.CharField(_("statut"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    published_at = models.DateTimeField(_("publiée le"), default=timezone.now)
    source_updated_at = models.DateTimeField(_("mise à jour à la source"), null=True, blank=True)
    first_seen_at = models.DateTimeField(_("vue la première fois"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("vue la dernière fois"), default=timezone.now)
    closed_at = models.DateTimeField(_("fermée le"), null=True, blank=True)
    dedup_key = models.CharField(
        _("clé de dédoublonnage"),
        max_length=64,
        blank=True,
        help_text=_("Employeur + intitulé normalisé + commune."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="offer_status_published"),
            # Plain b-trees (db_index=True would add a LIKE copy that no query uses, offers 0013).
            models.Index(fields=["departement"], name="offer_departement"),
            models.Index(fields=["rome_code"], name="offer_rome_code"),
            GinIndex(fields=["skills"], name="offer_skills_gin"),
            GinIndex(fields=["sources"], name="offer_sources_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="offer_salary_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_estimate_min__isnull=True)
                | models.Q(salary_estimate_max__isnull=True)
                | models.Q(salary_estimate_min__lte=models.F("salary_estimate_max")),
                name="offer_salary_estimate_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.OPEN

    @property
    def region(self) -> str:
        """INSEE code of the région, from the département (offers.geography)."""
        return region_of(self.departement)

    @property
    def region_name(self) -> str:
        found = regions().get(self.region)
        return found.name if found else ""

    @property
    def place_label(self) -> str:
        """'Lunel (34400)', 'Paris 8e Arrondissement (75008)'; 'Hérault (34)' when placed at département level only."""
        if self.city:
            code = self.postcode or self.departement
            return f"{self.city} ({code})" if code else self.city
        found = departements().get(self.departement)
        return found.label if found else self.departement


class OfferSource(models.Model):
    """One posting of an offer on one source (the silver row behind the gold offer).

    Licence duty: every offer shows its source(s), the last update date and a link to
    the original; those come from these rows.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="postings")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    external_id = models.CharField(_("identifiant à la source"), max_length=64)
    url = models.URLField(_("lien vers l'original"), max_length=1000, blank=True)
    source_updated_at = models.DateTimeField(_("mise à jour à la source"), null=True, blank=True)
    first_seen_at = models.DateTimeField(_("vue la première fois"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("vue la dernière fois"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    checked_at = models.DateTimeField(
        _("vérifiée à la source le"), null=True, blank=True, help_text=_("Dernière lecture du détail de l'offre.")
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    # The silver row: the normalised posting as JSON, so that the offer can be rebuilt
    # from its best posting at any time without reading the raw payloads again.
    normalised = models.JSONField(_("offre normalisée"), default=dict, blank=True)
    content_hash = models.CharField(_("empreinte normalisée"), max_length=64, blank=True)
    dedup_key = models.CharField(_("clé employeur/intitulé/commune"), max_length=64, blank=True)
    text_key = models.CharField(_("empreinte du texte"), max_length=64, blank=True)

    class Meta:
        ordering = ["source", "external_id"]
        verbose_name = _("publication à la source")
        verbose_name_plural = _("publications aux sources")
        indexes = [
            # The dedup look-ups (offers 0013: plain b-trees, no LIKE copy).
            models.Index(fields=["dedup_key"], name="offer_source_dedup_key"),
            models.Index(fields=["text_key"], name="offer_source_text_key"),
            # A sweep closes, part by part, the live postings of a creation-date window it did not see.
            models.Index(
                fields=["source", "published_at"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="offer_source_live_published",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="offer_source_unique_external_id")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.external_id}"


class OfferSkillReading(models.Model):
    """What an offer's text says of skills, as the skill reader read it (`offers.understanding.offer_skill_reading`),
    kept for the offers that list no skill (Adzuna's): the explanations compare a candidate's skills with it, and
    reading a description at the first showing in each worker cost 1-3 ms. Used only while `key` (the reader's
    rules and the text read) still matches the offer: a new rule or a new text is read afresh, never stale."""

    offer = models.OneToOneField(Offer, on_delete=models.CASCADE, primary_key=True, related_name="skill_reading")
    key = models.CharField(_("empreinte des règles et du texte lus"), max_length=32)
    reading = models.JSONField(_("compétences lues"))

    class Meta:
        verbose_name = _("lecture des compétences d'une offre")
        verbose_name_plural = _("lectures des compétences des offres")

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.key}"


class SoftSkill(models.Model):
    """One of the 23 "savoir-être" of France Travail's Match via Soft Skills API."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)  # "soft_skill_14"
    summary = models.CharField(_("savoir-être"), max_length=255)
    details = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("savoir-être")
        verbose_name_plural = _("savoir-être")

    def __str__(self) -> str:
        return self.summary


class OccupationSoftSkill(models.Model):
    """How much an occupation asks for a soft skill (Match via Soft Skills score, 0 to 1).

    `rome_code` is not a foreign key: the scores may be loaded before (or without) the
    ROME referential, and offers carry codes that the referential may not list.
    """

    rome_code = models.CharField(_("code ROME"), max_length=5, db_index=True)
    soft_skill = models.ForeignKey(SoftSkill, on_delete=models.CASCADE, related_name="occupation_scores")
    score = models.FloatField(_("score"))
    collected_at = models.DateTimeField(_("collecté le"), null=True, blank=True)

    class Meta:
        ordering = ["rome_code", "-score"]
        verbose_name = _("savoir-être d'un métier")
        verbose_name_plural = _("savoir-être des métiers")
        constraints = [models.UniqueConstraint(fields=["rome_code", "soft_skill"], name="occupation_soft_skill_unique")]

    def __str__(self) -> str:
        return f"{self.rome_code} – {self.soft_skill_id} ({self.score:.2f})"


class OfferChangeKind(models.TextChoices):
    CREATED = "created", _("créée")
    UPDATED = "updated", _("modifiée")
    CLOSED = "closed", _("fermée")
    DELETED = "deleted", _("supprimée")


class OfferChange(models.Model):
    """One creation, visible update, closing or deletion of an offer: the change feed.

    Append-only, written by PostgreSQL triggers on offers_offer (migration
    0008_offer_change_feed), never by Python: every writer is covered, bulk COPY
    upserts included. `xid` is the writing transaction's id (pg_current_xact_id());
    offers.feed explains why readers order and bound the feed by it.
    """

    id = models.BigAutoField(primary_key=True)
    # No foreign key: the history of a deleted offer stays.
    offer_id = models.BigIntegerField(_("offre"))
    kind = models.CharField(_("nature"), max_length=10, choices=OfferChangeKind.choices)
    changed_at = models.DateTimeField(_("le"), db_default=Now())
    xid = models.BigIntegerField(_("transaction"))

    class Meta:
        verbose_name = _("changement d'offre")
        verbose_name_plural = _("changements d'offres")
        # The feed reads in (xid, id) order from a position: one index range scan.
        indexes = [models.Index(fields=["xid", "id"], name="offer_change_position")]

    def __str__(self) -> str:
        return f"{self.kind} {self.offer_id} ({self.xid}.{self.id})"


class SearchSynonymKind(models.TextChoices):
    ACRONYM = "sigle", _("Sigle")
    SYNONYM = "synonyme", _("Synonyme ou jargon")
    FAMILY = "famille", _("Famille de mots")


class SearchSynonym(models.Model):
    """Words a job seeker types that the offers write another way ("AVS", "PL", "soudure").

    The search accepts every expression of `equivalents` in place of `term` (and, when
    `both_ways`, each expression in place of the others). `related` names neighbours, not
    equivalents ("DRH" -> "responsable RH"): their offers follow the exact answers, shown as
    close ones, when fewer than a page hold the term. Seeded from
    offers/search/synonyms.json by a migration; staff edit them in the admin.
    """

    term = models.CharField(
        _("terme"), max_length=100, unique=True, help_text=_("Tel que tapé : « AVS », « soudure ».")
    )
    equivalents = models.TextField(
        _("équivalents"),
        help_text=_("Expressions acceptées à sa place, séparées par des virgules."),
    )
    kind = models.CharField(_("nature"), max_length=10, choices=SearchSynonymKind.choices)
    both_ways = models.BooleanField(
        _("dans les deux sens"),
        default=True,
        help_text=_("Chaque équivalent trouve aussi le terme et les autres équivalents."),
    )
    related = models.TextField(
        _("termes voisins"),
        blank=True,
        help_text=_(
            "Expressions voisines, séparées par des virgules : leurs offres suivent les réponses exactes, "
            "marquées « Proche », quand moins d'une page d'offres contient le terme (ex. DRH → responsable RH)."
        ),
    )
    rome_codes = models.CharField(
        _("codes ROME"),
        max_length=100,
        blank=True,
        help_text=_("Métiers dont les offres répondent au terme, séparés par des virgules (ex. K2113)."),
    )
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("D'où vient cette équivalence."))
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonyme de recherche")
        verbose_name_plural = _("synonymes de recherche")

    def __str__(self) -> str:
        return f"{self.term} → {self.equivalents}"

    def equivalent_list(self) -> list[str]:
        return [part.strip() for part in self.equivalents.split(",") if part.strip()]

    def related_list(self) -> list[str]:
        return [part.strip() for part in self.related.split(",") if part.strip()]

    def rome_code_list(self) -> list[str]:
        return [code.strip().upper() for code in self.rome_codes.split(",") if code.strip()]
