/* pb-parser.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-paper-private.h"
#include "pb-parser.h"
#include "pb-text.h"

/**
 * SECTION:pb-parser
 *
 * Turns what the Hugging Face papers API sends into #PbPaper records. One
 * parser serves the importer, the sync and the tests. See HF-API.md in
 * tests/data/hf/ for the shapes: a list item holding a `paper` object, the
 * bare paper object, arrays of either, and the changes from 2024 to 2026.
 *
 * Parsing is tolerant per item and strict per document: an item that is not
 * a paper is skipped with a warning, but a document that is not UTF-8 or not
 * JSON is an error naming the position, so that nothing is half-imported.
 */

G_DEFINE_QUARK (pb-parser-error-quark, pb_parser_error)

PbParseResult *
pb_parse_result_new (void)
{
  PbParseResult *result = g_new0 (PbParseResult, 1);

  result->papers = g_ptr_array_new_with_free_func (g_object_unref);
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  return result;
}

void
pb_parse_result_free (PbParseResult *result)
{
  if (result == NULL)
    return;

  g_ptr_array_unref (result->papers);
  g_ptr_array_unref (result->warnings);
  g_free (result);
}

G_GNUC_PRINTF (3, 4)
static void
add_warning (PbParseResult *result,
             guint          index,
             const char    *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  result->n_warnings++;
  if (result->warnings->len >= PB_PARSER_MAX_WARNINGS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: which item of a file (1, 2…), then a warning about it */
  g_ptr_array_add (result->warnings, g_strdup_printf (_("item %1$u: %2$s"), index + 1, message));
}

/* Where an element of the top-level array lies in the text. */
typedef struct
{
  gsize start;
  gsize end;
} Span;

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
set_too_deep (const char  *data,
              gsize        offset,
              GError     **error)
{
  guint line, column;

  pb_text_position (data, offset, &line, &column);
  g_set_error (error, PB_PARSER_ERROR, PB_PARSER_ERROR_TOO_DEEP,
               g_dngettext (GETTEXT_PACKAGE,
                            "line %1$u, column %2$u: nested more than %3$u level deep",
                            "line %1$u, column %2$u: nested more than %3$u levels deep",
                            PB_PARSER_MAX_DEPTH),
               line, column, PB_PARSER_MAX_DEPTH);
  return FALSE;
}

/* One pass over the text before json-glib sees it, for two reasons.
 *
 * json-glib's parser recurses once per nesting level and has no limit of its
 * own: a few thousand '[' overflow the stack, so the depth is measured
 * first; strings are skipped so that brackets inside them do not count.
 *
 * And the items are kept as the feed sent them: when the document is an
 * array, @spans gets where each element lies, so that the raw JSON stored
 * for a paper is a copy of its bytes rather than a re-serialised tree
 * (which is also a tenth of the cost of parsing). The document is parsed by
 * json-glib afterwards; a document that is not JSON never gets its spans
 * used. */
static gboolean
scan_document (const char  *data,
               gsize        length,
               GArray      *spans,
               GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean root_array = FALSE;
  gboolean in_element = FALSE;
  Span span = { 0, 0 };

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              span.end = i + 1;
            }
          continue;
        }
      if (is_json_space (c))
        continue;

      if (depth == 0 && c == '[' && !root_array && spans != NULL && spans->len == 0)
        root_array = TRUE;
      else if (root_array && depth == 1 && (c == ',' || c == ']'))
        {
          if (in_element)
            g_array_append_val (spans, span);
          in_element = FALSE;
        }
      else if (root_array && depth == 1 && !in_element)
        {
          in_element = TRUE;
          span.start = i;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > PB_PARSER_MAX_DEPTH)
            return set_too_deep (data, i, error);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;

      span.end = i + 1;
      if (root_array && depth == 0)
        root_array = FALSE;
    }

  return TRUE;
}

/* json-glib writes "<data>:2:10: Parse error: unexpected …"; say it in the
 * same words as our own errors. */
static void
set_syntax_error (GError **error,
                  GError  *json_error)
{
  g_autoptr(GRegex) regex = g_regex_new ("^<data>:(\\d+):(\\d+): (Parse error: )?(.*)$",
                                         G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, json_error->message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *detail = g_match_info_fetch (match, 4);

      g_set_error (error, PB_PARSER_ERROR, PB_PARSER_ERROR_SYNTAX,
                   /* Translators: the last %s is the JSON parser's own words */
                   _("line %1$s, column %2$s: not valid JSON: %3$s"), line, column, detail);
    }
  else
    {
      g_set_error (error, PB_PARSER_ERROR, PB_PARSER_ERROR_SYNTAX,
                   _("not valid JSON: %s"), json_error->message);
    }
}

static JsonNode *
load_document (const char   *data,
               gsize         length,
               const char  **text,
               GArray       *spans,
               GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  const char *end = NULL;

  /* A UTF-8 byte order mark is legal noise. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (text != NULL)
    *text = data;

  if (!g_utf8_validate_len (data, length, &end))
    {
      guint line, column;

      pb_text_position (data, end - data, &line, &column);
      g_set_error (error, PB_PARSER_ERROR, PB_PARSER_ERROR_ENCODING,
                   _("line %1$u, column %2$u (byte %3$zu): not valid UTF-8"),
                   line, column, (size_t)(end - data));
      return NULL;
    }

  if (!scan_document (data, length, spans, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      set_syntax_error (error, json_error);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, PB_PARSER_ERROR, PB_PARSER_ERROR_SYNTAX,
                           _("empty document: no JSON value"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * pb_parser_load:
 *
 * Checks that @data is UTF-8 and JSON of a sane depth, and parses it.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
pb_parser_load (const char  *data,
                gsize        length,
                GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return load_document (data, length, NULL, NULL, error);
}

/* Reading one member of the expected type. Absent and null are the same;
 * a member of another type is reported once and treated as absent. */
static JsonNode *
get_member (JsonObject    *object,
            const char    *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static const char *
get_string (JsonObject    *object,
            const char    *name,
            PbParseResult *result,
            guint          index)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  /* Translators: %s is the name of a field of the API, such as "title" */
  add_warning (result, index, _("“%s” is not a string; ignored"), name);
  return NULL;
}

static JsonObject *
get_object (JsonObject    *object,
            const char    *name,
            PbParseResult *result,
            guint          index)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  /* Translators: %s is the name of a field of the API, such as "paper" */
  add_warning (result, index, _("“%s” is not an object; ignored"), name);
  return NULL;
}

static JsonArray *
get_array (JsonObject    *object,
           const char    *name,
           PbParseResult *result,
           guint          index)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  /* Translators: %s is the name of a field of the API, such as "authors" */
  add_warning (result, index, _("“%s” is not an array; ignored"), name);
  return NULL;
}

static int
get_count (JsonObject    *object,
           const char    *name,
           PbParseResult *result,
           guint          index)
{
  JsonNode *node = get_member (object, name);
  double value;

  if (node == NULL)
    return PB_COUNT_UNKNOWN;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    {
      /* Translators: %s is the name of a field of the API, such as "upvotes" */
      add_warning (result, index, _("“%s” is not a number; ignored"), name);
      return PB_COUNT_UNKNOWN;
    }

  if (value < 0 || value > PB_PARSER_MAX_COUNT || value != (double)(gint64)value)
    {
      /* Translators: the name of a field of the API, then its value */
      add_warning (result, index, _("“%1$s” is out of range (%2$g); ignored"), name, value);
      return PB_COUNT_UNKNOWN;
    }

  return (int)value;
}

static char *
dup_url (JsonObject    *object,
         const char    *name,
         PbParseResult *result,
         guint          index)
{
  const char *url = get_string (object, name, result, index);

  if (url == NULL || *url == '\0')
    return NULL;

  if (strlen (url) > PB_PARSER_MAX_URL ||
      !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) ||
      strpbrk (url, " \t\r\n\"<>") != NULL)
    {
      /* Translators: %s is the name of a field of the API, such as "githubRepo" */
      add_warning (result, index, _("“%s” is not a web address; ignored"), name);
      return NULL;
    }

  return g_strdup (url);
}

static char *
dup_text (const char *text,
          gboolean    keep_paragraphs)
{
  char *squashed;

  if (text == NULL)
    return NULL;

  squashed = pb_text_squash (text, keep_paragraphs);
  if (*squashed == '\0')
    g_clear_pointer (&squashed, g_free);

  return squashed;
}

static GStrv
dup_authors (JsonArray     *authors,
             PbParseResult *result,
             guint          index)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = json_array_get_length (authors);

  if (n > PB_PARSER_MAX_AUTHORS)
    {
      add_warning (result, index, g_dngettext (GETTEXT_PACKAGE, "%1$u author; kept the first %2$u",
                                               "%1$u authors; kept the first %2$u", n),
                   n, PB_PARSER_MAX_AUTHORS);
      n = PB_PARSER_MAX_AUTHORS;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (authors, i);
      const char *name = NULL;
      g_autofree char *clean = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *author = json_node_get_object (node);
          JsonNode *hidden = get_member (author, "hidden");

          /* Hidden authors are hidden on the site too. */
          if (hidden != NULL && JSON_NODE_HOLDS_VALUE (hidden) &&
              json_node_get_value_type (hidden) == G_TYPE_BOOLEAN &&
              json_node_get_boolean (hidden))
            continue;
          name = get_string (author, "name", result, index);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        name = json_node_get_string (node);

      clean = dup_text (name, FALSE);
      if (clean == NULL || strlen (clean) > PB_PARSER_MAX_NAME)
        {
          /* Translators: %u is the place of the author in the list: 1, 2… */
          add_warning (result, index, _("author %u has no usable name; left out"), i + 1);
          continue;
        }
      g_strv_builder_add (builder, clean);
    }

  return g_strv_builder_end (builder);
}

static GStrv
dup_keywords (JsonArray     *keywords,
              PbParseResult *result,
              guint          index)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = MIN (json_array_get_length (keywords), PB_PARSER_MAX_KEYWORDS);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (keywords, i);
      g_autofree char *clean = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        clean = dup_text (json_node_get_string (node), FALSE);
      if (clean != NULL && strlen (clean) <= PB_PARSER_MAX_NAME)
        g_strv_builder_add (builder, clean);
    }

  return g_strv_builder_end (builder);
}

static char *
dup_organization (JsonObject    *paper,
                  JsonObject    *item,
                  PbParseResult *result,
                  guint          index)
{
  JsonObject *org = get_object (paper, "organization", result, index);
  const char *name;

  if (org == NULL && item != paper)
    org = get_object (item, "organization", result, index);
  if (org == NULL)
    return NULL;

  name = get_string (org, "fullname", result, index);
  if (name == NULL || *name == '\0')
    name = get_string (org, "name", result, index);

  return dup_text (name, FALSE);
}

static gboolean
read_identity (PbPaper       *paper,
               JsonObject    *fields,
               JsonObject    *item,
               PbParseResult *result,
               guint          index)
{
  JsonNode *id_node = get_member (fields, "id");
  const char *title;

  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node) ||
      json_node_get_value_type (id_node) != G_TYPE_STRING)
    {
      add_warning (result, index, _("no paper id; skipped"));
      return FALSE;
    }
  if (!pb_text_is_safe_id (json_node_get_string (id_node)))
    {
      add_warning (result, index, _("paper id is not a safe identifier; skipped"));
      return FALSE;
    }
  paper->id = g_strdup (json_node_get_string (id_node));

  title = get_string (fields, "title", result, index);
  if (title == NULL && item != fields)
    title = get_string (item, "title", result, index);
  if (title != NULL && strlen (title) > PB_PARSER_MAX_TITLE)
    {
      /* Translators: an arXiv id, then the size of the title */
      add_warning (result, index, g_dngettext (GETTEXT_PACKAGE, "%1$s: title of %2$zu byte; skipped",
                                               "%1$s: title of %2$zu bytes; skipped", strlen (title)),
                   paper->id, strlen (title));
      return FALSE;
    }
  paper->title = dup_text (title, FALSE);
  if (paper->title == NULL)
    {
      /* Translators: %s is an arXiv id */
      add_warning (result, index, _("%s: no title; skipped"), paper->id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_abstract (PbPaper       *paper,
               JsonObject    *fields,
               JsonObject    *item,
               PbParseResult *result,
               guint          index)
{
  const char *summary = get_string (fields, "summary", result, index);

  if (summary == NULL && item != fields)
    summary = get_string (item, "summary", result, index);
  if (summary != NULL && strlen (summary) > PB_PARSER_MAX_ABSTRACT)
    {
      /* Translators: an arXiv id, then the size of the abstract */
      add_warning (result, index, g_dngettext (GETTEXT_PACKAGE, "%1$s: abstract of %2$zu byte; skipped",
                                               "%1$s: abstract of %2$zu bytes; skipped",
                                               strlen (summary)),
                   paper->id, strlen (summary));
      return FALSE;
    }
  paper->abstract = dup_text (summary, TRUE);

  return TRUE;
}

static void
read_details (PbPaper       *paper,
              JsonObject    *fields,
              JsonObject    *item,
              PbParseResult *result,
              guint          index)
{
  JsonArray *array;
  const char *text;

  if ((array = get_array (fields, "authors", result, index)) != NULL)
    paper->authors = dup_authors (array, result, index);

  paper->published_on = pb_text_date_of_timestamp (get_string (fields, "publishedAt", result, index));
  paper->submitted_at = pb_text_parse_timestamp (get_string (fields, "submittedOnDailyAt",
                                                             result, index));
  paper->upvotes = get_count (fields, "upvotes", result, index);
  paper->comments = get_count (item, "numComments", result, index);
  paper->github_stars = get_count (fields, "githubStars", result, index);
  paper->github_repo = dup_url (fields, "githubRepo", result, index);
  paper->project_page = dup_url (fields, "projectPage", result, index);

  /* "thumbnail" since 2024-10, "mediaUrl" before. */
  paper->thumbnail_url = dup_url (item, "thumbnail", result, index);
  if (paper->thumbnail_url == NULL)
    paper->thumbnail_url = dup_url (item, "mediaUrl", result, index);

  text = get_string (fields, "ai_summary", result, index);
  if (text != NULL && strlen (text) <= PB_PARSER_MAX_ABSTRACT)
    paper->ai_summary = dup_text (text, FALSE);
  if ((array = get_array (fields, "ai_keywords", result, index)) != NULL)
    paper->ai_keywords = dup_keywords (array, result, index);

  paper->organization = dup_organization (fields, item, result, index);
}

static void
read_item (JsonNode      *item,
           const char    *raw,
           gsize          raw_length,
           PbParseResult *result)
{
  g_autoptr(PbPaper) paper = NULL;
  guint index = result->n_items++;
  JsonObject *item_object;
  JsonObject *fields;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      add_warning (result, index, _("not an object; skipped"));
      result->n_skipped++;
      return;
    }

  item_object = json_node_get_object (item);
  fields = get_object (item_object, "paper", result, index);
  if (fields == NULL)
    fields = item_object;

  paper = _pb_paper_new ();
  if (!read_identity (paper, fields, item_object, result, index) ||
      !read_abstract (paper, fields, item_object, result, index))
    {
      result->n_skipped++;
      return;
    }
  read_details (paper, fields, item_object, result, index);

  /* Unknown fields are not lost: the item is kept as the feed sent it. */
  if (raw != NULL)
    paper->raw_json = g_strndup (raw, raw_length);
  else
    paper->raw_json = json_to_string (item, FALSE);
  _pb_paper_seal (paper);

  paper->rank = result->papers->len + 1;
  g_ptr_array_add (result->papers, g_steal_pointer (&paper));
}

/**
 * pb_parser_read_item:
 * @item: a list item (with a `paper` member) or a bare paper object
 *
 * Reads one item into @result: appends a paper, or counts a skipped item
 * with a warning saying why.
 */
void
pb_parser_read_item (JsonNode      *item,
                     PbParseResult *result)
{
  g_return_if_fail (item != NULL);
  g_return_if_fail (result != NULL);

  read_item (item, NULL, 0, result);
}

static gboolean
is_error_object (JsonObject  *object,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, "error");

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *message = pb_text_squash (json_node_get_string (node), FALSE);

      if (strlen (message) > 200)
        strcpy (message + 197, "…");
      g_set_error (error, PB_PARSER_ERROR, PB_PARSER_ERROR_API,
                   /* Translators: %s is the server's own words */
                   _("the server answered with an error: %s"), message);
    }
  else
    g_set_error_literal (error, PB_PARSER_ERROR, PB_PARSER_ERROR_API,
                         _("the server answered with an error"));

  return TRUE;
}

static gboolean
read_list (JsonNode       *root,
           const char     *text,
           GArray         *spans,
           PbParseResult  *result,
           GError        **error)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      guint n = json_array_get_length (array);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      gboolean have_spans = spans != NULL && spans->len == n;

      for (guint i = 0; i < n; i++)
        {
          guint before = result->papers->len;
          const Span *span = have_spans ? &g_array_index (spans, Span, i) : NULL;

          read_item (json_array_get_element (array, i),
                     span ? text + span->start : NULL, span ? span->end - span->start : 0,
                     result);

          /* The same paper twice in one list would get two ranks. */
          if (result->papers->len > before)
            {
              PbPaper *paper = g_ptr_array_index (result->papers, before);

              /* Look up before adding: g_hash_table_add() replaces the
               * stored key with the duplicate's id, which is freed just
               * below, and a third copy then read freed memory. */
              if (g_hash_table_contains (seen, paper->id))
                {
                  /* Translators: %s is an arXiv id */
                  add_warning (result, i, _("%s appears twice; kept the first"), paper->id);
                  result->n_skipped++;
                  g_ptr_array_remove_index (result->papers, before);
                }
              else
                g_hash_table_add (seen, paper->id);
            }
        }
      return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if (is_error_object (object, error))
        return FALSE;
      if (json_object_has_member (object, "paper") || json_object_has_member (object, "id"))
        {
          read_item (root, NULL, 0, result);
          return TRUE;
        }
    }

  g_set_error_literal (error, PB_PARSER_ERROR, PB_PARSER_ERROR_SHAPE,
                       _("not a paper or a list of papers"));
  return FALSE;
}

/**
 * pb_parser_read_list:
 * @root: an array of items, or a single item
 *
 * Returns: %FALSE with @error set when @root is an `{"error": …}` object or
 *   holds no papers at all (for example a number or an unrelated object)
 */
gboolean
pb_parser_read_list (JsonNode       *root,
                     PbParseResult  *result,
                     GError        **error)
{
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return read_list (root, NULL, NULL, result, error);
}

/**
 * pb_parser_parse:
 * @data: the document
 * @length: its length in bytes
 *
 * Returns: (transfer full): the papers, or %NULL with @error set when @data
 *   is not UTF-8, not JSON, an API error, or not papers at all
 */
PbParseResult *
pb_parser_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PbParseResult) result = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *text = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  root = load_document (data, length, &text, spans, error);
  if (root == NULL)
    return NULL;

  result = pb_parse_result_new ();
  if (!read_list (root, text, spans, result, error))
    return NULL;

  return g_steal_pointer (&result);
}
