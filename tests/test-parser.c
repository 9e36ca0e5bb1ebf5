/* test-parser.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-parser"

#include "config.h"

#include <string.h>

#include "pb-paper-private.h"
#include "pb-parser.h"
#include "pb-text.h"
#include "pb-importer.h"
#include "pb-test-util.h"

/* An abstract as it should be shown: blank lines stay paragraph breaks,
 * every other run of white space is one space. */
static char *
squash_paragraphs (const char *text)
{
  g_auto(GStrv) paragraphs = g_regex_split_simple ("[ \\t\\r]*\\n\\s*\\n\\s*", text, 0, 0);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *squashed = pb_test_squash_ascii (paragraphs[i]);

      if (*squashed == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, squashed);
    }

  return g_strdup (out->str);
}

static PbParseResult *
parse_ok (const char *json,
          gssize      length)
{
  g_autoptr(GError) error = NULL;
  PbParseResult *result;

  if (length < 0)
    length = strlen (json);

  result = pb_parser_parse (json, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static void
parse_fails (const char *json,
             gssize      length,
             int         code,
             const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbParseResult) result = NULL;

  if (length < 0)
    length = strlen (json);

  result = pb_parser_parse (json, length, &error);
  g_assert_null (result);
  g_assert_error (error, PB_PARSER_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static PbPaper *
find_paper (PbParseResult *result,
            const char    *id)
{
  for (guint i = 0; i < result->papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (result->papers, i);

      if (g_str_equal (pb_paper_get_id (paper), id))
        return paper;
    }

  return NULL;
}

/* No control, format or line separator characters, no runs of spaces, no
 * white space at the ends. */
static void
assert_clean_line (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, !=, "");
  g_assert_null (strstr (text, "  "));
  g_assert_false (g_ascii_isspace (text[0]));
  g_assert_false (g_ascii_isspace (text[strlen (text) - 1]));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_error ("U+%04X in “%s”", c, text);
    }
}

static JsonObject *
fixture_fields (JsonNode *item)
{
  JsonObject *object = json_node_get_object (item);

  if (json_object_has_member (object, "paper"))
    return json_object_get_object_member (object, "paper");

  return object;
}

static void
check_fixture_paper (PbPaper    *paper,
                     JsonNode   *item,
                     const char *path)
{
  JsonObject *fields = fixture_fields (item);
  JsonObject *object = json_node_get_object (item);
  gboolean is_list_item = json_object_has_member (object, "paper");
  g_autofree char *title = pb_test_squash_ascii (json_object_get_string_member (fields, "title"));
  g_autofree char *abstract = squash_paragraphs (json_object_get_string_member (fields, "summary"));
  g_autofree char *date = g_strndup (json_object_get_string_member (fields, "publishedAt"), 10);
  JsonArray *authors = json_object_get_array_member (fields, "authors");
  guint n_visible = 0;

  g_assert_true (pb_text_is_arxiv_id (pb_paper_get_id (paper)));
  assert_clean_line (pb_paper_get_title (paper));
  g_assert_cmpstr (pb_paper_get_title (paper), ==, title);
  g_assert_cmpstr (pb_paper_get_abstract (paper), ==, abstract);
  g_assert_cmpstr (pb_paper_get_published_on (paper), ==, date);
  g_assert_cmpint (pb_paper_get_upvotes (paper), ==,
                   json_object_get_int_member (fields, "upvotes"));

  /* Authors in order, hidden ones left out. */
  for (guint i = 0; i < json_array_get_length (authors); i++)
    {
      JsonObject *author = json_array_get_object_element (authors, i);

      if (json_object_get_boolean_member_with_default (author, "hidden", FALSE))
        continue;
      g_autofree char *name = pb_test_squash_ascii (json_object_get_string_member (author, "name"));

      g_assert_cmpstr (pb_paper_get_authors (paper)[n_visible], ==, name);
      n_visible++;
    }
  g_assert_cmpuint (n_visible, >, 0);
  g_assert_cmpuint (g_strv_length ((GStrv)pb_paper_get_authors (paper)), ==, n_visible);

  /* Only list items carry a comment count. */
  if (is_list_item)
    g_assert_cmpint (pb_paper_get_comments (paper), ==,
                     json_object_get_int_member (object, "numComments"));
  else
    g_assert_cmpint (pb_paper_get_comments (paper), ==, PB_COUNT_UNKNOWN);

  if (json_object_has_member (fields, "githubStars"))
    g_assert_cmpint (pb_paper_get_github_stars (paper), ==,
                     json_object_get_int_member (fields, "githubStars"));
  else
    g_assert_cmpint (pb_paper_get_github_stars (paper), ==, PB_COUNT_UNKNOWN);

  if (json_object_has_member (object, "thumbnail"))
    g_assert_cmpstr (pb_paper_get_thumbnail_url (paper), ==,
                     json_object_get_string_member (object, "thumbnail"));
  else if (json_object_has_member (object, "mediaUrl"))
    g_assert_cmpstr (pb_paper_get_thumbnail_url (paper), ==,
                     json_object_get_string_member (object, "mediaUrl"));

  if (json_object_has_member (fields, "ai_summary"))
    g_assert_nonnull (pb_paper_get_ai_summary (paper));
  if (json_object_has_member (fields, "githubRepo") &&
      *json_object_get_string_member (fields, "githubRepo") != '\0')
    g_assert_cmpstr (pb_paper_get_github_repo (paper), ==,
                     json_object_get_string_member (fields, "githubRepo"));

  /* The raw item is kept whole, unknown keys included. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    json_parser_load_from_data (parser, pb_paper_get_raw_json (paper), -1, &error);
    g_assert_no_error (error);
    g_assert_true (json_node_equal (json_parser_get_root (parser), item));
  }
}

static void
test_fixture (gconstpointer data)
{
  const char *path = data;
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  g_autofree char *contents = NULL;
  g_autoptr(PbParseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint n;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  result = parse_ok (contents, length);
  n = JSON_NODE_HOLDS_ARRAY (root) ? json_array_get_length (json_node_get_array (root)) : 1;

  g_assert_cmpuint (result->n_items, ==, n);
  g_assert_cmpuint (result->n_skipped, ==, 0);
  g_assert_cmpuint (result->papers->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = JSON_NODE_HOLDS_ARRAY (root)
                       ? json_array_get_element (json_node_get_array (root), i) : root;
      PbPaper *paper = g_ptr_array_index (result->papers, i);

      g_assert_cmpint (pb_paper_get_rank (paper), ==, (int)i + 1);
      check_fixture_paper (paper, item, path);
    }
}

/* The three shapes of one day: 2024-05 (mediaUrl, no summary on top),
 * 2025-06 (ai fields) and the 2026 trending list (githubStars). */
static void
test_fixture_details (void)
{
  g_autofree char *old_path = pb_test_data_path ("hf", "daily_papers_2024-05-27.json", NULL);
  g_autofree char *trending_path = pb_test_data_path ("hf", "daily_papers_sort_trending.json",
                                                      NULL);
  g_autofree char *old = NULL;
  g_autofree char *trending = NULL;
  g_autoptr(PbParseResult) old_result = NULL;
  g_autoptr(PbParseResult) trending_result = NULL;
  PbPaper *paper;

  g_assert_true (g_file_get_contents (old_path, &old, NULL, NULL));
  g_assert_true (g_file_get_contents (trending_path, &trending, NULL, NULL));

  old_result = parse_ok (old, -1);
  paper = g_ptr_array_index (old_result->papers, 0);
  g_assert_true (g_str_has_prefix (pb_paper_get_thumbnail_url (paper), "https://"));
  g_assert_null (pb_paper_get_ai_summary (paper));
  g_assert_null (pb_paper_get_ai_keywords (paper)[0]);

  trending_result = parse_ok (trending, -1);
  paper = find_paper (trending_result, "2412.20138");
  g_assert_nonnull (paper);
  g_assert_cmpint (pb_paper_get_github_stars (paper), ==, 107465);
  /* Never listed daily: no submission time. */
  g_assert_cmpint (pb_paper_get_submitted_at (g_ptr_array_index (trending_result->papers, 0)),
                   ==, 0);
}

/* Real titles and abstracts, placeholder ids, every other field missing. */
static void
test_seed (void)
{
  g_autofree char *path = pb_test_data_path ("seed", "search-page.json", NULL);
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  JsonArray *items = json_node_get_array (root);
  g_autofree char *contents = NULL;
  g_autoptr(PbParseResult) result = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  result = parse_ok (contents, -1);

  g_assert_cmpuint (json_array_get_length (items), ==, 193);
  g_assert_cmpuint (result->n_items, ==, 193);
  g_assert_cmpuint (result->papers->len, ==, 193);
  g_assert_cmpuint (result->n_skipped, ==, 0);

  for (guint i = 0; i < result->papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (result->papers, i);
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *title = pb_test_squash_ascii (json_object_get_string_member (item, "title"));
      g_autofree char *id = g_strdup_printf ("seed-%03u", i + 1);

      g_assert_cmpstr (pb_paper_get_id (paper), ==, id);
      g_assert_cmpstr (pb_paper_get_title (paper), ==, title);
      g_assert_nonnull (pb_paper_get_abstract (paper));
      g_assert_null (pb_paper_get_authors (paper)[0]);
      g_assert_null (pb_paper_get_published_on (paper));
      g_assert_cmpint (pb_paper_get_upvotes (paper), ==, PB_COUNT_UNKNOWN);
      g_assert_cmpint (pb_paper_get_comments (paper), ==, PB_COUNT_UNKNOWN);
      g_assert_cmpint (pb_paper_get_github_stars (paper), ==, PB_COUNT_UNKNOWN);
      g_assert_null (pb_paper_get_thumbnail_url (paper));
      g_assert_false (pb_paper_is_arxiv (paper));
    }
}

/* Only id and title are required, in either place. */
static void
test_shapes_minimal (void)
{
  g_autoptr(PbParseResult) bare = parse_ok ("{\"id\": \"2401.00001\", \"title\": \"T\"}", -1);
  g_autoptr(PbParseResult) item = parse_ok ("[{\"paper\": {\"id\": \"2401.00002\"}, "
                                            "\"title\": \"Top-level title\"}]", -1);
  PbPaper *paper;

  g_assert_cmpuint (bare->papers->len, ==, 1);
  paper = g_ptr_array_index (bare->papers, 0);
  g_assert_cmpstr (pb_paper_get_id (paper), ==, "2401.00001");
  g_assert_cmpstr (pb_paper_get_title (paper), ==, "T");
  g_assert_null (pb_paper_get_abstract (paper));
  g_assert_null (pb_paper_get_authors (paper)[0]);
  g_assert_null (pb_paper_get_published_on (paper));
  g_assert_cmpint (pb_paper_get_upvotes (paper), ==, PB_COUNT_UNKNOWN);
  g_assert_cmpuint (bare->n_warnings, ==, 0);

  g_assert_cmpuint (item->papers->len, ==, 1);
  paper = g_ptr_array_index (item->papers, 0);
  g_assert_cmpstr (pb_paper_get_title (paper), ==, "Top-level title");
}

static void
test_shapes_empty_list (void)
{
  g_autoptr(PbParseResult) result = parse_ok ("[]", -1);

  g_assert_cmpuint (result->n_items, ==, 0);
  g_assert_cmpuint (result->papers->len, ==, 0);
}

static void
test_shapes_api_error (void)
{
  parse_fails ("{\"error\": \"Too big: expected number to be <=100\"}", -1,
               PB_PARSER_ERROR_API, "Too big");
  parse_fails ("{\"error\": {\"code\": 500}}", -1, PB_PARSER_ERROR_API, NULL);
}

static void
test_shapes_not_papers (void)
{
  parse_fails ("42", -1, PB_PARSER_ERROR_SHAPE, NULL);
  parse_fails ("\"papers\"", -1, PB_PARSER_ERROR_SHAPE, NULL);
  parse_fails ("{\"models\": []}", -1, PB_PARSER_ERROR_SHAPE, NULL);
  parse_fails ("null", -1, PB_PARSER_ERROR_SHAPE, NULL);
}

static void
test_encoding_invalid (void)
{
  /* Line 3, column 14: the é before is one character, not two bytes. */
  const char json[] = "[\n {\"id\": \"2401.00001\",\n  \"title\": \"é\xff\"}\n]";
  const char latin1[] = "{\"id\": \"2401.00001\", \"title\": \"caf\xe9\"}";
  g_autofree char *latin1_position = g_strdup_printf ("line 1, column %d",
                                                      (int)(strchr (latin1, '\xe9') - latin1) + 1);

  parse_fails (json, sizeof json - 1, PB_PARSER_ERROR_ENCODING, "line 3, column 14");
  /* Overlong encoding of '/', a UTF-16 surrogate in UTF-8, a cut sequence. */
  parse_fails ("[\"\xc0\xaf\"]", -1, PB_PARSER_ERROR_ENCODING, "line 1, column 3");
  parse_fails ("[\"\xed\xa0\x80\"]", -1, PB_PARSER_ERROR_ENCODING, NULL);
  parse_fails ("[\"\xe2\x82", -1, PB_PARSER_ERROR_ENCODING, NULL);
  /* A NUL byte in the document. */
  parse_fails ("[{\"id\": \"1\0\"}]", 14, PB_PARSER_ERROR_ENCODING, "line 1, column 11");
  /* Latin-1, as an old proxy might send it. */
  parse_fails (latin1, -1, PB_PARSER_ERROR_ENCODING, latin1_position);
}

static void
test_encoding_bom (void)
{
  g_autoptr(PbParseResult) result = parse_ok ("\xEF\xBB\xBF[{\"id\": \"2401.00001\", "
                                              "\"title\": \"T\"}]", -1);

  g_assert_cmpuint (result->papers->len, ==, 1);
}

static void
test_syntax_position (void)
{
  parse_fails ("[\n  {\"id\": \"2401.00001\",\n   \"title\": }\n]", -1,
               PB_PARSER_ERROR_SYNTAX, "line 3");
  parse_fails ("", 0, PB_PARSER_ERROR_SYNTAX, NULL);
  parse_fails ("   \n  ", -1, PB_PARSER_ERROR_SYNTAX, NULL);
  parse_fails ("[{\"id\": \"2401.00001\", \"title\": \"T\"}", -1, PB_PARSER_ERROR_SYNTAX, "line 1");
  parse_fails ("<html><body>502 Bad Gateway</body></html>", -1, PB_PARSER_ERROR_SYNTAX,
               "line 1, column 1");
  parse_fails ("[NaN]", -1, PB_PARSER_ERROR_SYNTAX, NULL);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *out = g_string_sized_new (strlen (unit) * n);

  for (guint i = 0; i < n; i++)
    g_string_append (out, unit);

  return g_string_free (out, FALSE);
}

/* json-glib recurses per level: these would overflow the stack unchecked. */
static void
test_hostile_deep_nesting (void)
{
  g_autofree char *arrays = repeat ("[", 100000);
  g_autofree char *objects = repeat ("{\"a\":", 100000);
  g_autofree char *open = repeat ("[", 200);
  g_autofree char *close = repeat ("]", 200);
  g_autofree char *in_item = g_strdup_printf ("[{\"id\": \"2401.00001\", \"title\": \"T\", "
                                              "\"extra\": %s1%s}]", open, close);
  g_autofree char *brackets = repeat ("[[[[", 25000);
  g_autofree char *in_string = g_strdup_printf ("[{\"id\": \"2401.00001\", \"title\": \"%s\"}]",
                                                brackets);
  g_autoptr(PbParseResult) result = NULL;
  g_autoptr(PbParseResult) string_result = NULL;

  parse_fails (arrays, -1, PB_PARSER_ERROR_TOO_DEEP, "line 1, column 257");
  parse_fails (objects, -1, PB_PARSER_ERROR_TOO_DEEP, NULL);

  /* Reasonable depth is fine, and brackets inside strings do not count. */
  result = parse_ok (in_item, -1);
  g_assert_cmpuint (result->papers->len, ==, 1);
  string_result = parse_ok (in_string, -1);
  g_assert_cmpuint (string_result->papers->len, ==, 0);  /* title too long */
  g_assert_cmpuint (string_result->n_skipped, ==, 1);
}

static void
test_hostile_huge_abstract (void)
{
  g_autofree char *huge = repeat ("neuron ", 2 * 1024 * 1024 / 7 + 1);
  g_autofree char *large = repeat ("word ", 10000);  /* 50 KB: big but plausible */
  g_autofree char *json = g_strdup_printf ("[{\"id\": \"2401.00001\", \"title\": \"Huge\", "
                                           "\"summary\": \"%s\"},"
                                           "{\"id\": \"2401.00002\", \"title\": \"Large\", "
                                           "\"summary\": \"%s\"},"
                                           "{\"id\": \"2401.00003\", \"title\": \"Fine\"}]",
                                           huge, large);
  g_autoptr(PbParseResult) result = parse_ok (json, -1);

  g_assert_cmpuint (strlen (huge), >=, 2 * 1024 * 1024);
  g_assert_cmpuint (result->n_items, ==, 3);
  g_assert_cmpuint (result->n_skipped, ==, 1);
  g_assert_null (find_paper (result, "2401.00001"));
  g_assert_nonnull (find_paper (result, "2401.00002"));
  g_assert_cmpuint (strlen (pb_paper_get_abstract (find_paper (result, "2401.00002"))), ==,
                    strlen (large) - 1);
  g_assert_nonnull (find_paper (result, "2401.00003"));
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "2401.00001"));
}

/* Markup is text: kept as written, for the UI to escape. */
static void
test_hostile_markup (void)
{
  g_autoptr(PbParseResult) result =
    parse_ok ("[{\"id\": \"2401.00001\", \"title\": \"<b>Bold</b> & <script>alert(1)</script> "
              "AT&T &amp; a < b\", \"summary\": \"x &lt; y <i>z</i>\","
              "\"authors\": [{\"name\": \"<img src=x onerror=alert(1)>\"}]}]", -1);
  PbPaper *paper = g_ptr_array_index (result->papers, 0);

  g_assert_cmpstr (pb_paper_get_title (paper), ==,
                   "<b>Bold</b> & <script>alert(1)</script> AT&T &amp; a < b");
  g_assert_cmpstr (pb_paper_get_abstract (paper), ==, "x &lt; y <i>z</i>");
  g_assert_cmpstr (pb_paper_get_authors (paper)[0], ==, "<img src=x onerror=alert(1)>");
}

static void
test_hostile_control_characters (void)
{
  g_autoptr(PbParseResult) result =
    parse_ok ("[{\"id\": \"2401.00001\","
              " \"title\": \"Line\\r\\nbreak\\ttab\\u0007bell\\u200bzwsp\\u202eRLO\\u2028LS\","
              " \"summary\": \"One.\\r\\n\\r\\nTwo \\u0000 after NUL\","
              " \"authors\": [{\"name\": \"A\\u0000B\"}, {\"name\": \"\\n\\t \"}, {\"name\": \"Ok\"}]},"
              " {\"id\": \"2401.00002\", \"title\": \"\\u0000hidden\"},"
              " {\"id\": \"2401.00003\", \"title\": \"lone \\ud800 surrogate\"}]", -1);
  PbPaper *paper = find_paper (result, "2401.00001");

  g_assert_nonnull (paper);
  /* Controls and format characters vanish; line breaks and tabs are spaces. */
  g_assert_cmpstr (pb_paper_get_title (paper), ==, "Line break tabbellzwspRLO LS");
  assert_clean_line (pb_paper_get_title (paper));
  /* The paragraph survives; what json-glib cut at the NUL does not come back. */
  g_assert_true (g_str_has_prefix (pb_paper_get_abstract (paper), "One.\n\nTwo"));
  g_assert_null (strchr (pb_paper_get_abstract (paper), '\r'));
  /* The empty name is dropped with a warning; "Ok" stays. */
  g_assert_cmpstr (pb_paper_get_authors (paper)[g_strv_length ((GStrv)pb_paper_get_authors (paper)) - 1],
                   ==, "Ok");

  for (guint i = 0; i < result->papers->len; i++)
    {
      PbPaper *p = g_ptr_array_index (result->papers, i);

      assert_clean_line (pb_paper_get_title (p));
      for (guint j = 0; pb_paper_get_authors (p)[j] != NULL; j++)
        assert_clean_line (pb_paper_get_authors (p)[j]);
    }
  g_assert_cmpuint (result->n_items, ==, 3);
  g_assert_cmpuint (result->papers->len + result->n_skipped, ==, 3);
}

/* The same paper three times (the third time is what used to read freed
 * memory) among others: the first one wins, ranks stay dense. */
static void
test_hostile_duplicate_ids (void)
{
  g_autoptr(PbParseResult) result =
    parse_ok ("[{\"id\": \"2401.00001\", \"title\": \"First\"},"
              " {\"id\": \"2401.00002\", \"title\": \"Other\"},"
              " {\"id\": \"2401.00001\", \"title\": \"Second\"},"
              " {\"paper\": {\"id\": \"2401.00001\", \"title\": \"Third\"}},"
              " {\"id\": \"2401.00003\", \"title\": \"Last\"},"
              " {\"id\": \"2401.00002\", \"title\": \"Other again\"}]", -1);

  g_assert_cmpuint (result->n_items, ==, 6);
  g_assert_cmpuint (result->papers->len, ==, 3);
  g_assert_cmpuint (result->n_skipped, ==, 3);
  g_assert_cmpstr (pb_paper_get_title (g_ptr_array_index (result->papers, 0)), ==, "First");
  g_assert_cmpstr (pb_paper_get_title (g_ptr_array_index (result->papers, 1)), ==, "Other");
  g_assert_cmpstr (pb_paper_get_title (g_ptr_array_index (result->papers, 2)), ==, "Last");
  for (guint i = 0; i < result->papers->len; i++)
    g_assert_cmpint (pb_paper_get_rank (g_ptr_array_index (result->papers, i)), ==, (int)i + 1);
}

typedef struct
{
  const char *value;
  int         expected;
} CountCase;

static void
test_hostile_counts (void)
{
  static const CountCase cases[] = {
    { "0", 0 },
    { "17", 17 },
    { "17.0", 17 },
    { "1000000000", 1000000000 },
    { "1000000001", PB_COUNT_UNKNOWN },
    { "-1", PB_COUNT_UNKNOWN },
    { "-2147483648", PB_COUNT_UNKNOWN },
    { "2147483648", PB_COUNT_UNKNOWN },
    { "9223372036854775807", PB_COUNT_UNKNOWN },
    { "99999999999999999999999", PB_COUNT_UNKNOWN },
    { "1e300", PB_COUNT_UNKNOWN },
    { "-1e300", PB_COUNT_UNKNOWN },
    { "2.5", PB_COUNT_UNKNOWN },
    { "\"12\"", PB_COUNT_UNKNOWN },
    { "true", PB_COUNT_UNKNOWN },
    { "null", PB_COUNT_UNKNOWN },
    { "[]", PB_COUNT_UNKNOWN },
    { "{}", PB_COUNT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{\"paper\": {\"id\": \"2401.00001\", "
                                               "\"title\": \"T\", \"upvotes\": %s, "
                                               "\"githubStars\": %s}, \"numComments\": %s}]",
                                               cases[i].value, cases[i].value, cases[i].value);
      g_autoptr(PbParseResult) result = parse_ok (json, -1);
      PbPaper *paper;

      g_test_message ("count %s", cases[i].value);
      g_assert_cmpuint (result->papers->len, ==, 1);
      paper = g_ptr_array_index (result->papers, 0);
      g_assert_cmpint (pb_paper_get_upvotes (paper), ==, cases[i].expected);
      g_assert_cmpint (pb_paper_get_comments (paper), ==, cases[i].expected);
      g_assert_cmpint (pb_paper_get_github_stars (paper), ==, cases[i].expected);
      /* Every rejected value (but null, which is "absent") says so. */
      if (cases[i].expected == PB_COUNT_UNKNOWN && !g_str_equal (cases[i].value, "null"))
        g_assert_cmpuint (result->n_warnings, ==, 3);
    }
}

static void
test_hostile_wrong_types (void)
{
  g_autoptr(PbParseResult) result =
    parse_ok ("[{\"id\": 2401.00001, \"title\": \"number id\"},"
              " {\"id\": \"2401.00002\", \"title\": 5},"
              " {\"id\": \"2401.00003\", \"title\": [\"T\"]},"
              " {\"id\": \"2401.00004\", \"title\": \"\"},"
              " {\"id\": \"2401.00005\", \"title\": \"   \\n \"},"
              " {\"id\": null, \"title\": \"null id\"},"
              " {\"paper\": \"2401.00006\"},"
              " {\"paper\": [], \"id\": \"2401.00007\", \"title\": \"paper is an array\"},"
              " \"a string\", 42, null, true, [], [[]],"
              " {\"id\": \"2401.00010\", \"title\": \"Kept\", \"summary\": [\"x\"],"
              "  \"authors\": \"Ada Lovelace\", \"publishedAt\": 20260817,"
              "  \"ai_keywords\": [1, null, {\"k\": 1}, \"kw\"], \"organization\": \"org\","
              "  \"thumbnail\": 7, \"githubRepo\": \"javascript:alert(1)\","
              "  \"projectPage\": \"https://example.org/a b\"},"
              " {\"id\": \"2401.00011\", \"title\": \"Authors of all kinds\","
              "  \"authors\": [1, null, {\"name\": 5}, {\"name\": \"\"}, [\"x\"], \"Plain String\","
              "                {\"name\": \"Hidden\", \"hidden\": true}, {\"name\": \"Real Name\"},"
              "                {\"name\": \"Not hidden\", \"hidden\": \"yes\"}],"
              "  \"publishedAt\": \"not a date\", \"submittedOnDailyAt\": \"2026-13-45T99:00:00Z\"}]",
              -1);
  PbPaper *kept = find_paper (result, "2401.00010");
  PbPaper *authors = find_paper (result, "2401.00011");
  const char * const expected_authors[] = { "Plain String", "Real Name", "Not hidden", NULL };

  g_assert_cmpuint (result->n_items, ==, 16);
  g_assert_cmpuint (result->papers->len, ==, 3);
  g_assert_cmpuint (result->n_skipped, ==, 13);

  /* The array-valued "paper" is ignored and the item read as a paper. */
  g_assert_nonnull (find_paper (result, "2401.00007"));

  g_assert_nonnull (kept);
  g_assert_null (pb_paper_get_abstract (kept));
  g_assert_null (pb_paper_get_authors (kept)[0]);
  g_assert_null (pb_paper_get_published_on (kept));
  g_assert_null (pb_paper_get_thumbnail_url (kept));
  g_assert_null (pb_paper_get_github_repo (kept));
  g_assert_null (pb_paper_get_project_page (kept));
  g_assert_null (pb_paper_get_organization (kept));
  g_assert_cmpstr (pb_paper_get_ai_keywords (kept)[0], ==, "kw");
  g_assert_null (pb_paper_get_ai_keywords (kept)[1]);

  g_assert_nonnull (authors);
  g_assert_cmpstrv (pb_paper_get_authors (authors), expected_authors);
  g_assert_null (pb_paper_get_published_on (authors));
  g_assert_cmpint (pb_paper_get_submitted_at (authors), ==, 0);
}

static void
test_hostile_bad_ids (void)
{
  static const char * const ids[] = {
    "", "../../etc/passwd", "..", "/abs", "a b", "a\\nb", "tab\\there",
    "x/", "x.", "a//b", "<script>", "é", "1234567890123456789012345678901234567890123456789012345678901",
    "-leading-dash", "a;DROP TABLE papers", "%s%n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{\"id\": \"%s%s\", \"title\": \"T\"}]", ids[i],
                                               strlen (ids[i]) > 60 ? "2345" : "");
      g_autoptr(PbParseResult) result = parse_ok (json, -1);

      g_test_message ("id “%s”", ids[i]);
      g_assert_cmpuint (result->papers->len, ==, 0);
      g_assert_cmpuint (result->n_skipped, ==, 1);
    }

  /* Old-style arXiv ids and our placeholder ids are fine. */
  {
    g_autoptr(PbParseResult) result = parse_ok ("[{\"id\": \"hep-th/9901001\", \"title\": \"Old\"},"
                                                " {\"id\": \"seed-001\", \"title\": \"Seed\"}]", -1);

    g_assert_cmpuint (result->papers->len, ==, 2);
    g_assert_true (pb_paper_is_arxiv (g_ptr_array_index (result->papers, 0)));
    g_assert_false (pb_paper_is_arxiv (g_ptr_array_index (result->papers, 1)));
  }
}

static void
test_hostile_sizes (void)
{
  g_autoptr(GString) json = g_string_new ("[{\"id\": \"2401.00001\", \"title\": \"Many\", "
                                          "\"authors\": [");
  g_autofree char *long_title = repeat ("t", PB_PARSER_MAX_TITLE + 1);
  g_autofree char *long_name = repeat ("n", PB_PARSER_MAX_NAME + 1);
  g_autofree char *long_url = repeat ("u", PB_PARSER_MAX_URL);
  g_autoptr(PbParseResult) result = NULL;
  PbPaper *paper;

  for (guint i = 0; i < PB_PARSER_MAX_AUTHORS + 1000; i++)
    g_string_append_printf (json, "%s{\"name\": \"Author %u\"}", i ? "," : "", i);
  g_string_append_printf (json, ",{\"name\": \"%s\"}]}", long_name);
  g_string_append_printf (json, ",{\"id\": \"2401.00002\", \"title\": \"%s\"}", long_title);
  g_string_append_printf (json, ",{\"id\": \"2401.00003\", \"title\": \"T\", "
                          "\"githubRepo\": \"https://%s\"}]", long_url);

  result = parse_ok (json->str, json->len);
  g_assert_cmpuint (result->papers->len, ==, 2);

  paper = find_paper (result, "2401.00001");
  g_assert_cmpuint (g_strv_length ((GStrv)pb_paper_get_authors (paper)), ==, PB_PARSER_MAX_AUTHORS);
  g_assert_cmpstr (pb_paper_get_authors (paper)[PB_PARSER_MAX_AUTHORS - 1], ==, "Author 4999");
  g_assert_null (find_paper (result, "2401.00002"));
  g_assert_null (pb_paper_get_github_repo (find_paper (result, "2401.00003")));
}

static void
test_hostile_many_warnings (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(PbParseResult) result = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (json, "%s{\"id\": %u}", i ? "," : "", i);
  g_string_append (json, ",{\"id\": \"2401.00001\", \"title\": \"Survivor\"}]");

  result = parse_ok (json->str, json->len);
  g_assert_cmpuint (result->n_items, ==, 5001);
  g_assert_cmpuint (result->n_skipped, ==, 5000);
  g_assert_cmpuint (result->papers->len, ==, 1);
  g_assert_cmpuint (result->n_warnings, ==, 5000);
  g_assert_cmpuint (result->warnings->len, ==, PB_PARSER_MAX_WARNINGS);
}

static void
test_text_squash (void)
{
  static const struct { const char *in; gboolean paragraphs; const char *out; } cases[] = {
    { "Efficient Large\n  Language Models", FALSE, "Efficient Large Language Models" },
    { "  \t lead and trail \n ", FALSE, "lead and trail" },
    { "One.\n\nTwo.\n  still two.", TRUE, "One.\n\nTwo. still two." },
    { "One.\n\nTwo.", FALSE, "One. Two." },
    { "One.\r\n \r\nTwo.", TRUE, "One.\n\nTwo." },
    { "a\xc2\xa0\xe2\x80\x83" "b", FALSE, "a b" },           /* NBSP, em space */
    { "x\xe2\x80\x8by\xef\xbb\xbfz", FALSE, "xyz" },         /* ZWSP, BOM */
    { "\x01\x02\x1b[31mred", FALSE, "[31mred" },             /* escape sequences lose ESC */
    { "", FALSE, "" },
    { "\n\n\n", TRUE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = pb_text_squash (cases[i].in, cases[i].paragraphs);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_text_ids (void)
{
  g_autofree char *a = pb_text_normalize_arxiv_id ("https://arxiv.org/abs/2405.15738v2");
  g_autofree char *b = pb_text_normalize_arxiv_id ("https://huggingface.co/papers/2405.15738");
  g_autofree char *c = pb_text_normalize_arxiv_id ("arXiv:hep-th/9901001v1");
  g_autofree char *d = pb_text_normalize_arxiv_id ("https://arxiv.org/pdf/2405.15738.pdf");
  g_autofree char *e = pb_text_normalize_arxiv_id ("not an id");

  g_assert_cmpstr (a, ==, "2405.15738");
  g_assert_cmpstr (b, ==, "2405.15738");
  g_assert_cmpstr (c, ==, "hep-th/9901001");
  g_assert_cmpstr (d, ==, "2405.15738");
  g_assert_null (e);

  g_assert_true (pb_text_is_arxiv_id ("2608.09888"));
  g_assert_true (pb_text_is_arxiv_id ("1501.0001"));
  g_assert_false (pb_text_is_arxiv_id ("seed-001"));
  g_assert_false (pb_text_is_arxiv_id ("2608.0988a"));
}

static void
test_text_dates (void)
{
  g_autofree char *utc = pb_text_date_of_timestamp ("2026-08-17T00:00:00.000Z");
  g_autofree char *shifted = pb_text_date_of_timestamp ("2025-01-12T21:47:00.000-05:00");
  g_autofree char *monday = pb_text_date_add_days ("2026-08-19", -2);
  g_autofree char *leap = pb_text_date_add_days ("2024-02-28", 1);

  g_assert_cmpstr (utc, ==, "2026-08-17");
  g_assert_cmpstr (shifted, ==, "2025-01-13");
  g_assert_cmpstr (monday, ==, "2026-08-17");
  g_assert_cmpstr (leap, ==, "2024-02-29");
  g_assert_null (pb_text_date_of_timestamp ("yesterday"));
  g_assert_true (pb_text_is_valid_date ("2024-02-29"));
  g_assert_false (pb_text_is_valid_date ("2025-02-29"));
  g_assert_false (pb_text_is_valid_date ("2025-13-40"));
  g_assert_false (pb_text_is_valid_date ("2025-1-1"));
  g_assert_cmpint (pb_text_parse_timestamp ("2026-08-17T00:00:00.000Z"), ==, 1786924800);
}

static void
test_guess_list (void)
{
  PbListKind kind;
  g_autofree char *date = NULL;
  g_autofree char *none = NULL;

  g_assert_true (pb_import_guess_list ("/x/daily_papers_2026-08-17.json", &kind, &date));
  g_assert_cmpint (kind, ==, PB_LIST_DAILY);
  g_assert_cmpstr (date, ==, "2026-08-17");
  g_clear_pointer (&date, g_free);

  g_assert_true (pb_import_guess_list ("daily_papers_sort_trending.json", &kind, &date));
  g_assert_cmpint (kind, ==, PB_LIST_TRENDING);
  g_assert_null (date);

  g_assert_false (pb_import_guess_list ("/2026-08-17/papers_search.json", &kind, &none));
  g_assert_cmpint (kind, ==, PB_LIST_NONE);
  g_assert_false (pb_import_guess_list ("daily_2025-13-40.json", &kind, &none));
  g_assert_cmpint (kind, ==, PB_LIST_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) fixtures = NULL;

  pb_test_init (&argc, &argv);

  fixtures = pb_test_hf_fixtures ();
  for (guint i = 0; fixtures[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (fixtures[i]);
      g_autofree char *test_path = g_strdup_printf ("/parser/fixture/%s", name);

      g_test_add_data_func_full (test_path, g_strdup (fixtures[i]), test_fixture, g_free);
    }
  g_test_add_func ("/parser/fixture/details", test_fixture_details);
  g_test_add_func ("/parser/seed", test_seed);
  g_test_add_func ("/parser/shapes/minimal", test_shapes_minimal);
  g_test_add_func ("/parser/shapes/empty-list", test_shapes_empty_list);
  g_test_add_func ("/parser/shapes/api-error", test_shapes_api_error);
  g_test_add_func ("/parser/shapes/not-papers", test_shapes_not_papers);
  g_test_add_func ("/parser/encoding/invalid", test_encoding_invalid);
  g_test_add_func ("/parser/encoding/bom", test_encoding_bom);
  g_test_add_func ("/parser/syntax/position", test_syntax_position);
  g_test_add_func ("/parser/hostile/deep-nesting", test_hostile_deep_nesting);
  g_test_add_func ("/parser/hostile/huge-abstract", test_hostile_huge_abstract);
  g_test_add_func ("/parser/hostile/markup", test_hostile_markup);
  g_test_add_func ("/parser/hostile/control-characters", test_hostile_control_characters);
  g_test_add_func ("/parser/hostile/duplicate-ids", test_hostile_duplicate_ids);
  g_test_add_func ("/parser/hostile/counts", test_hostile_counts);
  g_test_add_func ("/parser/hostile/wrong-types", test_hostile_wrong_types);
  g_test_add_func ("/parser/hostile/bad-ids", test_hostile_bad_ids);
  g_test_add_func ("/parser/hostile/sizes", test_hostile_sizes);
  g_test_add_func ("/parser/hostile/many-warnings", test_hostile_many_warnings);
  g_test_add_func ("/parser/text/squash", test_text_squash);
  g_test_add_func ("/parser/text/ids", test_text_ids);
  g_test_add_func ("/parser/text/dates", test_text_dates);
  g_test_add_func ("/parser/import/guess-list", test_guess_list);

  return pb_test_run ();
}
