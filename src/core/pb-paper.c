/* pb-paper.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-paper"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-paper-private.h"
#include "pb-text.h"

/**
 * PbPaper:
 *
 * One paper as the store knows it: the feed's fields, the user's state
 * (starred, read, hidden) and, for search results, the score and snippet.
 *
 * Papers are records. Only the user state can be changed afterwards, and
 * changing it here does not persist anything: it mirrors what the caller
 * wrote to the store, so that bound widgets update.
 */

G_DEFINE_FINAL_TYPE (PbPaper, pb_paper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ABSTRACT,
  PROP_AUTHORS,
  PROP_PUBLISHED_ON,
  PROP_LISTED_ON,
  PROP_UPVOTES,
  PROP_COMMENTS,
  PROP_GITHUB_STARS,
  PROP_GITHUB_REPO,
  PROP_PROJECT_PAGE,
  PROP_AI_SUMMARY,
  PROP_AI_KEYWORDS,
  PROP_ORGANIZATION,
  PROP_STARRED,
  PROP_READ,
  PROP_HIDDEN,
  PROP_RANK,
  PROP_SNIPPET,
  PROP_TITLE_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_paper_finalize (GObject *object)
{
  PbPaper *self = (PbPaper *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->abstract);
  g_strfreev (self->authors);
  g_free (self->published_on);
  g_free (self->listed_on);
  g_free (self->github_repo);
  g_free (self->project_page);
  g_free (self->thumbnail_url);
  g_free (self->ai_summary);
  g_strfreev (self->ai_keywords);
  g_free (self->organization);
  g_free (self->raw_json);
  g_free (self->authors_text);
  g_free (self->keywords_text);
  g_free (self->snippet);
  g_free (self->title_highlight);

  G_OBJECT_CLASS (pb_paper_parent_class)->finalize (object);
}

static void
pb_paper_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PbPaper *self = PB_PAPER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ABSTRACT:
      g_value_set_string (value, self->abstract);
      break;
    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;
    case PROP_PUBLISHED_ON:
      g_value_set_string (value, self->published_on);
      break;
    case PROP_LISTED_ON:
      g_value_set_string (value, self->listed_on);
      break;
    case PROP_UPVOTES:
      g_value_set_int (value, self->upvotes);
      break;
    case PROP_COMMENTS:
      g_value_set_int (value, self->comments);
      break;
    case PROP_GITHUB_STARS:
      g_value_set_int (value, self->github_stars);
      break;
    case PROP_GITHUB_REPO:
      g_value_set_string (value, self->github_repo);
      break;
    case PROP_PROJECT_PAGE:
      g_value_set_string (value, self->project_page);
      break;
    case PROP_AI_SUMMARY:
      g_value_set_string (value, self->ai_summary);
      break;
    case PROP_AI_KEYWORDS:
      g_value_set_boxed (value, self->ai_keywords);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;
    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;
    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;
    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;
    case PROP_RANK:
      g_value_set_int (value, self->rank);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    case PROP_TITLE_HIGHLIGHT:
      g_value_set_string (value, self->title_highlight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PbPaper *self = PB_PAPER (object);

  switch (prop_id)
    {
    case PROP_STARRED:
      pb_paper_set_starred (self, g_value_get_boolean (value));
      break;
    case PROP_READ:
      pb_paper_set_read (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_property (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, PB_COUNT_UNKNOWN, G_MAXINT, PB_COUNT_UNKNOWN,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
pb_paper_class_init (PbPaperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_paper_finalize;
  object_class->get_property = pb_paper_get_property;
  object_class->set_property = pb_paper_set_property;

  properties[PROP_ID] = string_property ("id");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_ABSTRACT] = string_property ("abstract");
  properties[PROP_AUTHORS] =
    g_param_spec_boxed ("authors", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHED_ON] = string_property ("published-on");
  properties[PROP_LISTED_ON] = string_property ("listed-on");
  properties[PROP_UPVOTES] = count_property ("upvotes");
  properties[PROP_COMMENTS] = count_property ("comments");
  properties[PROP_GITHUB_STARS] = count_property ("github-stars");
  properties[PROP_GITHUB_REPO] = string_property ("github-repo");
  properties[PROP_PROJECT_PAGE] = string_property ("project-page");
  properties[PROP_AI_SUMMARY] = string_property ("ai-summary");
  properties[PROP_AI_KEYWORDS] =
    g_param_spec_boxed ("ai-keywords", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION] = string_property ("organization");
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDDEN] =
    g_param_spec_boolean ("hidden", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANK] =
    g_param_spec_int ("rank", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] = string_property ("snippet");
  properties[PROP_TITLE_HIGHLIGHT] = string_property ("title-highlight");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_paper_init (PbPaper *self)
{
  self->upvotes = PB_COUNT_UNKNOWN;
  self->comments = PB_COUNT_UNKNOWN;
  self->github_stars = PB_COUNT_UNKNOWN;
}

PbPaper *
_pb_paper_new (void)
{
  return g_object_new (PB_TYPE_PAPER, NULL);
}

static char *
join_lines (GStrv strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;

  return g_strjoinv ("\n", strv);
}

/**
 * _pb_paper_seal:
 *
 * Works out what the store needs to write a parsed paper: the hash of its
 * raw item (to tell a changed item from the stored one) and its authors and
 * keywords as stored text. The parser seals papers on its own threads, so
 * that the thread writing to the database does not spend its time on this.
 */
void
_pb_paper_seal (PbPaper *self)
{
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[20];
  gsize len = sizeof digest;

  if (self->sealed)
    return;

  if (self->raw_json != NULL)
    {
      checksum = g_checksum_new (G_CHECKSUM_SHA1);
      g_checksum_update (checksum, (const guchar *)self->raw_json, -1);
      g_checksum_get_digest (checksum, digest, &len);
      memcpy (&self->raw_hash, digest, sizeof self->raw_hash);
    }

  self->authors_text = join_lines (self->authors);
  self->keywords_text = join_lines (self->ai_keywords);
  self->sealed = TRUE;
}

const char *
pb_paper_get_id (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->id;
}

const char *
pb_paper_get_title (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->title;
}

/**
 * pb_paper_get_abstract:
 *
 * Returns: (nullable): the abstract, with arXiv's hard line breaks squashed
 */
const char *
pb_paper_get_abstract (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->abstract;
}

/**
 * pb_paper_get_authors:
 *
 * Returns: (transfer none) (array zero-terminated=1): the author names in order
 */
const char * const *
pb_paper_get_authors (PbPaper *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->authors ? (const char * const *)self->authors : none;
}

/**
 * pb_paper_dup_authors_short:
 * @max_names: how many names to show before "et al."
 *
 * Returns: (transfer full): "A, B, C et al." or "" when no author is known
 */
char *
pb_paper_dup_authors_short (PbPaper *self,
                            guint    max_names)
{
  g_autoptr(GString) str = NULL;
  guint n;

  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  g_return_val_if_fail (max_names > 0, NULL);

  n = self->authors ? g_strv_length (self->authors) : 0;
  if (n == 2 && max_names >= 2)
    /* Translators: the two authors of a paper */
    return g_strdup_printf (_("%1$s and %2$s"), self->authors[0], self->authors[1]);

  str = g_string_new (NULL);
  for (guint i = 0; i < n && i < max_names; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, self->authors[i]);
    }
  if (n > max_names)
    /* Translators: the first authors of a paper, then "and others" */
    return g_strdup_printf (_("%s et al."), str->str);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

const char *
pb_paper_get_published_on (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->published_on;
}

const char *
pb_paper_get_listed_on (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->listed_on;
}

gint64
pb_paper_get_submitted_at (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), 0);
  return self->submitted_at;
}

int
pb_paper_get_upvotes (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), PB_COUNT_UNKNOWN);
  return self->upvotes;
}

int
pb_paper_get_comments (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), PB_COUNT_UNKNOWN);
  return self->comments;
}

int
pb_paper_get_github_stars (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), PB_COUNT_UNKNOWN);
  return self->github_stars;
}

const char *
pb_paper_get_github_repo (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->github_repo;
}

const char *
pb_paper_get_project_page (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->project_page;
}

/**
 * pb_paper_get_thumbnail_url:
 *
 * Returns: (nullable): the thumbnail address the feed gave, if any; see
 *   pb_paper_dup_thumbnail_url() for one that is never missing for arXiv papers
 */
const char *
pb_paper_get_thumbnail_url (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->thumbnail_url;
}

const char *
pb_paper_get_ai_summary (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->ai_summary;
}

const char * const *
pb_paper_get_ai_keywords (PbPaper *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->ai_keywords ? (const char * const *)self->ai_keywords : none;
}

const char *
pb_paper_get_organization (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->organization;
}

/**
 * pb_paper_get_raw_json:
 *
 * Returns: (nullable): the item exactly as the feed sent it, when the paper
 *   was read with its raw JSON (pb_store_get_paper() does, lists do not)
 */
const char *
pb_paper_get_raw_json (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->raw_json;
}

gint64
pb_paper_get_first_seen (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), 0);
  return self->first_seen;
}

gint64
pb_paper_get_updated_at (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), 0);
  return self->updated_at;
}

gboolean
pb_paper_get_starred (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), FALSE);
  return self->starred;
}

void
pb_paper_set_starred (PbPaper  *self,
                      gboolean  starred)
{
  g_return_if_fail (PB_IS_PAPER (self));

  starred = !!starred;
  if (self->starred == (guint)starred)
    return;

  self->starred = starred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

gboolean
pb_paper_get_read (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), FALSE);
  return self->read;
}

void
pb_paper_set_read (PbPaper  *self,
                   gboolean  read)
{
  g_return_if_fail (PB_IS_PAPER (self));

  read = !!read;
  if (self->read == (guint)read)
    return;

  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

gboolean
pb_paper_get_hidden (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), FALSE);
  return self->hidden;
}

/**
 * pb_paper_get_rank:
 *
 * Returns: the 1-based position in the list the paper was read from
 *   (daily or trending), or 0
 */
int
pb_paper_get_rank (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), 0);
  return self->rank;
}

/**
 * pb_paper_get_score:
 *
 * Returns: the relevance of a search result; higher is better
 */
double
pb_paper_get_score (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), 0.0);
  return self->score;
}

/**
 * pb_paper_get_snippet:
 *
 * Returns: (nullable): for search results, a short excerpt in which matched
 *   words are between %PB_HIGHLIGHT_START and %PB_HIGHLIGHT_END
 */
const char *
pb_paper_get_snippet (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->snippet;
}

/**
 * pb_paper_get_title_highlight:
 *
 * Returns: (nullable): for search results, the title with matched words
 *   between %PB_HIGHLIGHT_START and %PB_HIGHLIGHT_END
 */
const char *
pb_paper_get_title_highlight (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);
  return self->title_highlight;
}

/**
 * pb_paper_is_arxiv:
 *
 * Returns: whether the id is an arXiv identifier (new or old style), so that
 *   arXiv, PDF and Hugging Face links can be built from it
 */
gboolean
pb_paper_is_arxiv (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), FALSE);

  return pb_text_is_arxiv_id (self->id);
}

char *
pb_paper_dup_huggingface_url (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);

  if (!pb_paper_is_arxiv (self))
    return NULL;
  return g_strconcat ("https://huggingface.co/papers/", self->id, NULL);
}

char *
pb_paper_dup_arxiv_url (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);

  if (!pb_paper_is_arxiv (self))
    return NULL;
  return g_strconcat ("https://arxiv.org/abs/", self->id, NULL);
}

char *
pb_paper_dup_pdf_url (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);

  if (!pb_paper_is_arxiv (self))
    return NULL;
  return g_strconcat ("https://arxiv.org/pdf/", self->id, NULL);
}

/**
 * pb_paper_dup_thumbnail_url:
 *
 * Hugging Face serves a thumbnail for every listed paper at a fixed address;
 * older feed items do not name it, so it is built from the id.
 *
 * Returns: (transfer full) (nullable): the https address of the thumbnail
 */
char *
pb_paper_dup_thumbnail_url (PbPaper *self)
{
  g_return_val_if_fail (PB_IS_PAPER (self), NULL);

  if (self->thumbnail_url != NULL && g_str_has_prefix (self->thumbnail_url, "https://"))
    return g_strdup (self->thumbnail_url);
  if (!pb_paper_is_arxiv (self))
    return NULL;
  return g_strdup_printf ("https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/%s.png",
                          self->id);
}
