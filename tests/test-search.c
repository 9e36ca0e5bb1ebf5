/* test-search.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <string.h>

#include "pb-search-query.h"
#include "pb-test-util.h"

/* What people type into a search box, on purpose or not. Every one must
 * give results or none, never an SQL or FTS5 error. */
static const char * const hostile_queries[] = {
  "\"", "\"\"", "\"\"\"", "\"\"\"\"", "a\"b", "\"unbalanced", "unbalanced\"", "\"a\" \"b",
  "\"neural networks\"", "\"\" neurons", "\" \"", "\"*\"",
  "*", "**", "a*", "*a", "neur*", "* neurons", "neurons *", "\"neural\" *",
  "-", "--", "-neurons", "neurons -brain", "a-b", "state-of-the-art", "GPT-4o", "-*-",
  ":", "::", "title:", "title:neurons", "abstract:brain", "author:", "author:\"", "author:*",
  "authors:", "author::", "author:Lu", "AUTHOR:lu", "author:-", "author:\"Runnan Lu\"",
  "{title}: neurons", "{title abstract}:x", "- {title} : x", "papers_fts:x", "rank:1",
  "NEAR", "NEAR(", "NEAR(a b)", "NEAR(a b, 2)", "NEAR/2", "a NEAR b", "NEAR NEAR NEAR",
  "AND", "OR", "NOT", "AND OR NOT", "a AND", "OR b", "NOT a", "a NOT", "a OR OR b",
  "and or not", "(", ")", "()", "(a", "a)", "((a)", "(a OR b)) AND (", "^", "^neurons",
  "+", "+a +b", ",", ".", "...", "a,b", "a.b", "'", "''", "a'b", "'; DROP TABLE papers; --",
  "\" OR 1=1 --", "') OR ('1'='1", "%", "%%", "_", "\\", "\\\"", "\\\\", "/", "//", "?", "!",
  "@", "#", "$", "&", "&amp;", "<b>", "<script>alert(1)</script>", "\t", "\n", "\r\n", " ",
  "\xc2\xa0", "\xe2\x80\x8b", "\xe2\x80\xae" "abc",
  "\xf0\x9f\xa7\xa0", "\xf0\x9f\xa7\xa0 neurons", "neurons\xf0\x9f\xa7\xa0",
  "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac", "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
  "\xe7\xa5\x9e\xe7\xbb\x8f\xe7\xbd\x91\xe7\xbb\x9c", "\xe7\xa5\x9e\xe7\xbb\x8f \xe7\xbd\x91",
  "\xe3\x83\x8b\xe3\x83\xa5\xe3\x83\xbc\xe3\x83\xad\xe3\x83\xb3", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",
  "\xd8\xb4\xd8\xa8\xd9\x83\xd8\xa9", "e\xcc\x81", "\xcc\x81", "\xcc\x81\xcc\x81 *",
  "\xe2\x85\xa0", "x\xc2\xb2", "\xef\xbc\x88" "a\xef\xbc\x89", "\xef\xbc\x82" "a\xef\xbc\x82",
  "\xe2\x80\x9cneurons\xe2\x80\x9d", "\xe2\x80\x98" "a\xe2\x80\x99",
  "\xee\x80\x80", "a\xee\x80\x80" "b",
  "0", "00000", "1e10", "-1", "2405.15738", "arXiv:2405.15738",
};

static void
assert_query_accepted (PbStore    *store,
                       const char *match)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                                       "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("FTS5 refused “%s”: %s", match, sqlite3_errmsg (store->db));
  sqlite3_finalize (stmt);
}

/* Outside its quoted strings, a built query holds nothing but the syntax
 * the builder means to write: AND, OR, *, parentheses, column filters. */
static void
assert_only_our_syntax (const char *match)
{
  g_autoptr(GString) outside = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = match; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        g_string_append_c (outside, *p);
    }
  g_assert_false (quoted);

  if (!g_regex_match_simple ("^( |AND|OR|\\*|\\(|\\)|:|\\{authors_text\\}|\\{title\\})*$",
                             outside->str, 0, 0))
    g_error ("unexpected syntax in “%s”: “%s”", match, outside->str);
}

static const PbSearchQueryFlags all_flags[] = {
  PB_SEARCH_QUERY_DEFAULT,
  PB_SEARCH_QUERY_PREFIX_LAST,
  PB_SEARCH_QUERY_PREFIX_LAST | PB_SEARCH_QUERY_STEM_LAST,
  PB_SEARCH_QUERY_ANY,
  PB_SEARCH_QUERY_ANY | PB_SEARCH_QUERY_PREFIX_LAST | PB_SEARCH_QUERY_STEM_LAST,
};

static void
check_text (PbStore    *store,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 n;

  for (guint f = 0; f < G_N_ELEMENTS (all_flags); f++)
    {
      g_autofree char *match = pb_search_query_build (text, all_flags[f]);

      if (match == NULL)
        continue;
      assert_only_our_syntax (match);
      assert_query_accepted (store, match);
    }

  results = pb_store_search (store, text, 50, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  n = pb_store_search_count (store, text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >=, results->len);
  if (results->len < 50)
    g_assert_cmpint (n, ==, results->len);
}

static void
test_injection (PbTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *before = pb_test_dump (fixture->store, "SELECT pk, id, title FROM papers");
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hostile_queries); i++)
    {
      g_test_message ("query “%s”", hostile_queries[i]);
      check_text (fixture->store, hostile_queries[i]);

      /* And the same with words around it, as typed mid-sentence. */
      {
        g_autofree char *around = g_strdup_printf ("neurons %s brain", hostile_queries[i]);
        g_autofree char *glued = g_strdup_printf ("neur%sons", hostile_queries[i]);

        check_text (fixture->store, around);
        check_text (fixture->store, glued);
      }
    }

  /* Searching wrote nothing. */
  after = pb_test_dump (fixture->store, "SELECT pk, id, title FROM papers");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 350);
}

static void
test_injection_sizes (PbTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) quotes = g_string_new (NULL);
  g_autoptr(GString) long_word = g_string_new (NULL);
  g_autoptr(GString) emoji = g_string_new (NULL);

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (words, "word%u OR NEAR ", i);
  for (guint i = 0; i < 5000; i++)
    g_string_append (quotes, "\"a");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (long_word, 'n');
  for (guint i = 0; i < 2000; i++)
    g_string_append (emoji, "\xf0\x9f\xa7\xa0\xe2\x80\x8d");

  check_text (fixture->store, words->str);
  check_text (fixture->store, quotes->str);
  check_text (fixture->store, long_word->str);
  check_text (fixture->store, emoji->str);
}

/* Random strings over FTS5's alphabet and friends. */
static void
test_injection_fuzz (PbTestFixture *fixture,
                     gconstpointer  data)
{
  static const char * const pieces[] = {
    "\"", "*", "-", ":", "(", ")", "{", "}", "^", "+", ",", ".", "'", "\\", " ", " ", " ",
    "NEAR", "AND", "OR", "NOT", "near", "author:", "authors:", "title", "neurons", "brain",
    "a", "ab", "abc", "\xf0\x9f\xa7\xa0", "\xe7\xa5\x9e\xe7\xbb\x8f", "\xcc\x81", "\xc3\xa9",
    "\xe2\x80\x8b", "\t", "\n", "0", "42", "/", "%", "_",
  };
  guint iterations = g_test_slow () ? 20000 : 3000;

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_test_rand_int_range (1, 12);

      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      for (guint f = 0; f < G_N_ELEMENTS (all_flags); f++)
        {
          g_autofree char *match = pb_search_query_build (text->str, all_flags[f]);

          if (match == NULL)
            continue;
          assert_only_our_syntax (match);
          assert_query_accepted (fixture->store, match);
        }
    }
}

static void
test_not_utf8 (PbTestFixture *fixture,
               gconstpointer  data)
{
  static const char * const texts[] = { "neur\xff", "\xc0\xaf", "\xed\xa0\x80", "abc\xe2\x82" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = pb_store_search (fixture->store, texts[i], 10, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, 0);
      g_assert_cmpint (pb_store_search_count (fixture->store, texts[i], &error), ==, 0);
      g_assert_null (pb_search_query_build (texts[i], PB_SEARCH_QUERY_PREFIX_LAST));
    }
}

static void
test_nothing_searchable (PbTestFixture *fixture,
                         gconstpointer  data)
{
  static const char * const texts[] = { "", " ", "\t\n", "***", "\"\"", "-:-", "\xf0\x9f\xa7\xa0",
                                        "( ) { }" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = pb_store_search (fixture->store, texts[i], 10, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, 0);
      g_assert_cmpint (pb_store_search_count (fixture->store, texts[i], &error), ==, 0);
    }
}

/* Seed-based searches: real abstracts. */

static JsonArray *
seed_items (JsonNode **root)
{
  g_autofree char *path = pb_test_data_path ("seed", "search-page.json", NULL);

  *root = pb_test_load_json (path);
  return json_node_get_array (*root);
}

static char *
seed_text (JsonObject *item)
{
  g_autofree char *text = g_strconcat (json_object_get_string_member (item, "title"), " ",
                                       json_object_get_string_member (item, "summary"), NULL);

  return g_utf8_strdown (text, -1);
}

/* Whether @text has a word that is @stem followed by one of @endings. */
static gboolean
has_word (const char         *text,
          const char         *stem,
          const char * const *endings)
{
  for (guint i = 0; endings[i] != NULL; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("\\b%s%s\\b", stem, endings[i]);

      if (g_regex_match_simple (pattern, text, 0, 0))
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
search (PbStore    *store,
        const char *text,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = pb_store_search (store, text, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);

  return results;
}

static gint64
search_count (PbStore    *store,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pb_store_search_count (store, text, &error);

  g_assert_no_error (error);

  return n;
}

static gboolean
contains_id (GPtrArray  *papers,
             const char *id)
{
  for (guint i = 0; i < papers->len; i++)
    if (g_str_equal (pb_paper_get_id (g_ptr_array_index (papers, i)), id))
      return TRUE;

  return FALSE;
}

static void
import_seed (PbTestFixture *fixture,
             gconstpointer  data)
{
  g_autofree char *path = pb_test_data_path ("seed", "search-page.json", NULL);
  g_autoptr(PbImportReport) report = NULL;

  pb_test_fixture_setup_open (fixture, data);
  report = pb_test_import_one (fixture->store, path);
}

/* "neurons" finds neuron, neurons and neuronal: the index is stemmed. */
static void
test_stemming (PbTestFixture *fixture,
               gconstpointer  data)
{
  static const char * const forms[] = { "", "s", "al", NULL };
  static const char * const singular[] = { "", NULL };
  static const char * const adjective[] = { "al", NULL };
  static const char * const plural[] = { "s", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *items = seed_items (&root);
  g_autoptr(GPtrArray) neurons = search (fixture->store, "neurons", 1000);
  g_autoptr(GPtrArray) neuronal = search (fixture->store, "neuronal", 1000);
  guint n_expected = 0, n_only_singular = 0, n_only_adjective = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *text = seed_text (item);
      const char *id = json_object_get_string_member (item, "id");

      if (!has_word (text, "neuron", forms))
        continue;
      n_expected++;
      g_assert_true (contains_id (neurons, id));
      g_assert_true (contains_id (neuronal, id));

      if (!has_word (text, "neuron", plural) && has_word (text, "neuron", singular))
        n_only_singular++;
      if (!has_word (text, "neuron", plural) && !has_word (text, "neuron", singular) &&
          has_word (text, "neuron", adjective))
        n_only_adjective++;
    }

  /* The seed has papers that say only "neuron" or only "neuronal". */
  g_assert_cmpuint (n_expected, >, 40);
  g_assert_cmpuint (n_only_singular, >, 0);
  g_assert_cmpuint (n_only_adjective, >, 0);

  /* Nothing else: every result has a word starting with "neuron". */
  for (guint i = 0; i < neurons->len; i++)
    {
      PbPaper *result = g_ptr_array_index (neurons, i);
      g_autoptr(PbPaper) paper = pb_store_get_paper (fixture->store, pb_paper_get_id (result), NULL);
      g_autofree char *text = g_utf8_strdown (pb_paper_get_abstract (paper), -1);
      g_autofree char *title = g_utf8_strdown (pb_paper_get_title (paper), -1);

      g_assert_true (strstr (text, "neuron") != NULL || strstr (title, "neuron") != NULL);
    }
  g_assert_cmpint (search_count (fixture->store, "neurons"), ==, neurons->len);
}

/* While typing, the last word is a prefix from three letters on. */
static void
test_prefix (PbTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *items = seed_items (&root);
  g_autoptr(GPtrArray) neuro = search (fixture->store, "neuro", 1000);
  g_autoptr(GPtrArray) neurons = search (fixture->store, "neurons", 1000);
  g_autoptr(GPtrArray) typed = search (fixture->store, "recurrent neural netw", 1000);
  g_autoptr(GPtrArray) done = search (fixture->store, "recurrent neural netw ", 1000);
  guint n_neuro_only = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *text = seed_text (item);
      const char *id = json_object_get_string_member (item, "id");

      if (strstr (text, "neuroscience") == NULL && strstr (text, "neuromorphic") == NULL)
        continue;
      g_assert_true (contains_id (neuro, id));
      if (strstr (text, "neuron") == NULL)
        {
          g_assert_false (contains_id (neurons, id));
          n_neuro_only++;
        }
    }
  g_assert_cmpuint (n_neuro_only, >, 0);
  g_assert_cmpuint (neuro->len, >, neurons->len);

  /* "netw" finds networks while typed, not once a space follows. */
  g_assert_true (contains_id (typed, "seed-001"));
  g_assert_cmpuint (done->len, ==, 0);
}

/* "runni": the stemmer stored "running" as "run", so the typed prefix
 * alone finds nothing; the fallback tries shorter forms. */
static void
test_prefix_fallback (PbTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = pb_test_data_path ("hf", "daily_papers_2026-08-20.json", NULL);
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  JsonArray *items = json_node_get_array (root);
  g_autoptr(GPtrArray) runni = search (fixture->store, "runni", 1000);
  g_autofree char *plain = pb_search_query_build ("runni", PB_SEARCH_QUERY_PREFIX_LAST);
  g_autofree char *sql = NULL;
  const char *running = NULL;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *paper = json_object_get_object_member (json_array_get_object_element (items, i),
                                                         "paper");

      if (strstr (json_object_get_string_member (paper, "summary"), "running") != NULL)
        running = json_object_get_string_member (paper, "id");
    }
  g_assert_nonnull (running);

  g_assert_true (contains_id (runni, running));
  g_assert_cmpint (search_count (fixture->store, "runni"), ==, runni->len);

  /* Without the fallback: nothing. */
  sql = g_strdup_printf ("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH '%s'", plain);
  g_assert_cmpint (pb_test_query_int (fixture->store, sql), ==, 0);
}

/* A word in the title counts more than the same word in the abstract. */
static void
test_title_weight (PbTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;
  PbPaper *first, *second;

  /* The abstract-only paper comes first in the table and says the word
   * twice, so neither order nor frequency can make the title one win. */
  pb_test_merge_json (fixture->store,
                      "[{\"id\": \"2401.00001\", \"title\": \"Methods for sparse graphs\","
                      "  \"summary\": \"We study zorbling on graphs. Zorbling is new.\"},"
                      " {\"id\": \"2401.00002\", \"title\": \"Zorbling for sparse graphs\","
                      "  \"summary\": \"We study methods on graphs. Methods are new.\"},"
                      " {\"id\": \"2401.00003\", \"title\": \"Unrelated\","
                      "  \"summary\": \"Nothing to see on graphs.\"}]",
                      PB_LIST_NONE, NULL, NULL);

  results = search (fixture->store, "zorbling", 10);
  g_assert_cmpuint (results->len, ==, 2);
  first = g_ptr_array_index (results, 0);
  second = g_ptr_array_index (results, 1);
  g_assert_cmpstr (pb_paper_get_id (first), ==, "2401.00002");
  g_assert_cmpstr (pb_paper_get_id (second), ==, "2401.00001");
  g_assert_cmpfloat (pb_paper_get_score (first), >, pb_paper_get_score (second));
  g_assert_cmpfloat (pb_paper_get_score (second), >, 0.0);
}

static void
test_author (PbTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) column = NULL;
  g_autoptr(GPtrArray) plural = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) prefix = NULL;

  pb_test_merge_json (fixture->store,
                      "[{\"id\": \"2401.00001\", \"title\": \"On graphs\","
                      "  \"authors\": [{\"name\": \"Quentin Zelinsky\"}, {\"name\": \"Ada Lovelace\"}]},"
                      " {\"id\": \"2401.00002\", \"title\": \"More graphs\","
                      "  \"summary\": \"Following Zelinsky, we look at graphs.\"}]",
                      PB_LIST_NONE, NULL, NULL);

  column = search (fixture->store, "author:zelinsky", 10);
  plural = search (fixture->store, "Authors:Zelinsky", 10);
  plain = search (fixture->store, "zelinsky", 10);
  full = search (fixture->store, "author:lovelace graphs", 10);
  prefix = search (fixture->store, "author:zelin", 10);

  g_assert_cmpuint (column->len, ==, 1);
  g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (column, 0)), ==, "2401.00001");
  g_assert_cmpuint (plural->len, ==, 1);
  g_assert_cmpuint (plain->len, ==, 2);
  g_assert_cmpuint (full->len, ==, 1);
  g_assert_cmpuint (prefix->len, ==, 1);
  g_assert_cmpint (search_count (fixture->store, "author:zelinsky"), ==, 1);
}

/* A real author of a real fixture, by column and by plain name. */
static void
test_author_fixture (PbTestFixture *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = pb_test_data_path ("hf", "daily_papers_2025-06-02.json", NULL);
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  JsonArray *items = json_node_get_array (root);
  g_autoptr(GPtrArray) column = search (fixture->store, "author:Runnan", 100);
  g_autoptr(GPtrArray) plain = search (fixture->store, "Runnan Lu", 100);
  const char *id = NULL;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *paper = json_object_get_object_member (json_array_get_object_element (items, i),
                                                         "paper");
      JsonArray *authors = json_object_get_array_member (paper, "authors");

      for (guint j = 0; j < json_array_get_length (authors); j++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (authors, j),
                                                        "name"), "Runnan Lu"))
          id = json_object_get_string_member (paper, "id");
    }
  g_assert_nonnull (id);

  g_assert_cmpuint (column->len, ==, 1);
  g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (column, 0)), ==, id);
  g_assert_true (contains_id (plain, id));
  g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (plain, 0)), ==, id);
}

/* Every marked span is a match, and the marks pair up. */
static guint
check_marks (const char *text,
             const char *stem)
{
  guint n = 0;
  const char *p = text;

  if (text == NULL)
    return 0;

  while ((p = strstr (p, PB_HIGHLIGHT_START)) != NULL)
    {
      const char *end = strstr (p + 1, PB_HIGHLIGHT_END);
      const char *next = strstr (p + 1, PB_HIGHLIGHT_START);
      g_autofree char *word = NULL;
      g_autofree char *lower = NULL;

      g_assert_nonnull (end);
      g_assert_true (next == NULL || next > end);
      word = g_strndup (p + 1, end - p - 1);
      lower = g_utf8_strdown (word, -1);
      g_assert_true (g_str_has_prefix (lower, stem));
      n++;
      p = end + 1;
    }

  /* No stray end mark either. */
  {
    guint n_end = 0;

    for (p = text; (p = strstr (p, PB_HIGHLIGHT_END)) != NULL; p++)
      n_end++;
    g_assert_cmpuint (n_end, ==, n);
  }

  return n;
}

static char *
strip_marks (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, PB_HIGHLIGHT_START, "", 0);
  g_string_replace (out, PB_HIGHLIGHT_END, "", 0);

  return g_strdup (out->str);
}

static void
test_snippets (PbTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (fixture->store, "neurons", 20);
  guint n_snippets = 0, n_titles = 0;

  g_assert_cmpuint (results->len, ==, 20);
  for (guint i = 0; i < results->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (results, i);
      g_autofree char *title = strip_marks (pb_paper_get_title_highlight (paper));
      guint in_snippet = check_marks (pb_paper_get_snippet (paper), "neuron");
      guint in_title = check_marks (pb_paper_get_title_highlight (paper), "neuron");

      g_assert_cmpstr (title, ==, pb_paper_get_title (paper));
      g_assert_cmpuint (in_snippet + in_title, >, 0);
      n_snippets += in_snippet > 0;
      n_titles += in_title > 0;
      if (pb_paper_get_snippet (paper) != NULL)
        {
          g_assert_null (strchr (pb_paper_get_snippet (paper), '\n'));
          g_assert_cmpuint (g_utf8_strlen (pb_paper_get_snippet (paper), -1), <, 400);
        }
    }
  g_assert_cmpuint (n_snippets, >, 0);
  g_assert_cmpuint (n_titles, >, 0);
}

static void
test_ranking_order (PbTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (fixture->store, "recurrent neural networks", 50);

  g_assert_cmpuint (results->len, >, 2);
  for (guint i = 1; i < results->len; i++)
    g_assert_cmpfloat (pb_paper_get_score (g_ptr_array_index (results, i - 1)), >=,
                       pb_paper_get_score (g_ptr_array_index (results, i)));
  /* The paper with all three words in its title leads. */
  g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (results, 0)), ==, "seed-001");
}

static void
test_phrase (PbTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) phrase = search (fixture->store, "\"recurrent neural networks\"", 100);
  g_autoptr(GPtrArray) reversed = search (fixture->store, "\"networks neural recurrent\"", 100);
  g_autoptr(GPtrArray) words = search (fixture->store, "networks neural recurrent", 100);

  g_assert_true (contains_id (phrase, "seed-001"));
  g_assert_false (contains_id (reversed, "seed-001"));
  g_assert_true (contains_id (words, "seed-001"));
  g_assert_cmpuint (words->len, >=, phrase->len);
}

/* Counts match the results; limits cut the same ranking. */
static void
test_count_and_limit (PbTestFixture *fixture,
                      gconstpointer  data)
{
  static const char * const queries[] = { "neurons", "assembly", "learning", "quantum", "neuro",
                                          "runni", "author:lu", "zzzzqqq" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) all = search (fixture->store, queries[i], 10000);
      g_autoptr(GPtrArray) three = search (fixture->store, queries[i], 3);

      g_test_message ("%s: %u", queries[i], all->len);
      g_assert_cmpint (search_count (fixture->store, queries[i]), ==, all->len);
      g_assert_cmpuint (three->len, ==, MIN (3, all->len));
      for (guint j = 0; j < three->len; j++)
        g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (three, j)), ==,
                         pb_paper_get_id (g_ptr_array_index (all, j)));
    }
}

/* Hidden papers are not found, and not counted. */
static void
test_hidden (PbTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) before = search (fixture->store, "neurons", 1000);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hidden = NULL;
  gint64 n_before = search_count (fixture->store, "neurons");

  g_assert_cmpuint (before->len, >, 6);
  hidden = g_strdup (pb_paper_get_id (g_ptr_array_index (before, 0)));
  g_assert_true (pb_store_set_hidden (fixture->store, hidden, TRUE, &error));
  g_assert_no_error (error);

  after = search (fixture->store, "neurons", 1000);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  g_assert_false (contains_id (after, hidden));
  g_assert_cmpint (search_count (fixture->store, "neurons"), ==, n_before - 1);

  /* A hidden paper does not take a place of the page either. */
  top = search (fixture->store, "neurons", 5);
  g_assert_cmpuint (top->len, ==, 5);
  g_assert_false (contains_id (top, hidden));
}

static void
test_unicode (PbTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) cjk = NULL;
  g_autoptr(GPtrArray) accents = NULL;
  g_autoptr(GPtrArray) accented_query = NULL;
  g_autoptr(GPtrArray) emoji = NULL;
  g_autoptr(GPtrArray) brain = NULL;

  pb_test_merge_json (fixture->store,
                      "[{\"id\": \"2401.00001\", \"title\": \"\xe7\xa5\x9e\xe7\xbb\x8f\xe7\xbd\x91"
                      "\xe7\xbb\x9c\xe7\x9a\x84\xe7\xa0\x94\xe7\xa9\xb6\"},"
                      " {\"id\": \"2401.00002\", \"title\": \"Schr\xc3\xb6" "dinger \xc3\xa9quation "
                      "for na\xc3\xafve models\"},"
                      " {\"id\": \"2401.00003\", \"title\": \"\xf0\x9f\xa7\xa0 Brain models\"}]",
                      PB_LIST_NONE, NULL, NULL);

  cjk = search (fixture->store, "\xe7\xa5\x9e\xe7\xbb\x8f\xe7\xbd\x91\xe7\xbb\x9c\xe7\x9a\x84"
                "\xe7\xa0\x94\xe7\xa9\xb6", 10);
  g_assert_cmpuint (cjk->len, ==, 1);
  accents = search (fixture->store, "schrodinger equation naive", 10);
  g_assert_cmpuint (accents->len, ==, 1);
  g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (accents, 0)), ==, "2401.00002");
  accented_query = search (fixture->store, "SCHR\xc3\x96" "DINGER", 10);
  g_assert_cmpuint (accented_query->len, ==, 1);
  emoji = search (fixture->store, "\xf0\x9f\xa7\xa0", 10);
  g_assert_cmpuint (emoji->len, ==, 0);
  brain = search (fixture->store, "\xf0\x9f\xa7\xa0 brain", 10);
  g_assert_cmpuint (brain->len, ==, 1);
}

/* What a notification names first: new papers matching the digest's
 * keywords, each keyword a search of its own. */
static void
test_match_keywords (PbTestFixture *fixture,
                     gconstpointer  data)
{
  static const char * const keywords[] = { "!!!", "large language models", "neurons", NULL };
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GHashTable) matches = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_merge_json (fixture->store,
                      "[{\"id\": \"2401.00001\", \"title\": \"Spiking neurons of the brain\"},"
                      " {\"id\": \"2401.00002\", \"title\": \"Large models of language\","
                      "  \"summary\": \"Neurons, again\"},"
                      " {\"id\": \"2401.00003\", \"title\": \"Diffusion for images\"},"
                      " {\"id\": \"2401.00004\", \"title\": \"Neuro symbolic\"}]",
                      PB_LIST_NONE, NULL, NULL);

  g_ptr_array_add (ids, "2401.00001");
  g_ptr_array_add (ids, "2401.00002");
  g_ptr_array_add (ids, "2401.00003");
  g_ptr_array_add (ids, "2401.00004");
  g_ptr_array_add (ids, "2401.99999");   /* not stored */

  matches = pb_store_match_keywords (fixture->store, ids, keywords, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (matches), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (matches, "2401.00001"), ==, "neurons");
  /* All three words, in any order; and the first keyword that matches. */
  g_assert_cmpstr (g_hash_table_lookup (matches, "2401.00002"), ==, "large language models");
  /* No prefixes: "neurons" is not "neuro". */
  g_assert_false (g_hash_table_contains (matches, "2401.00004"));

  none = pb_store_match_keywords (fixture->store, ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);
}

/* What the builder promises in its documentation. */
static void
test_query_builder (void)
{
  g_autoptr(GString) many = g_string_new (NULL);
  g_autofree char *built = NULL;
  g_autofree char *any = NULL;
  g_autofree char *two = NULL;
  guint n_terms = 0;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (many, "word%u ", i);
  built = pb_search_query_build (many->str, PB_SEARCH_QUERY_DEFAULT);
  for (const char *p = built; (p = strstr (p, "\"word")) != NULL; p++)
    n_terms++;
  g_assert_cmpuint (n_terms, ==, PB_SEARCH_QUERY_MAX_TERMS);

  any = pb_search_query_build ("a b", PB_SEARCH_QUERY_ANY);
  g_assert_nonnull (strstr (any, " OR "));
  g_assert_null (strstr (any, " AND "));

  /* No prefix for one or two letters. */
  two = pb_search_query_build ("ab", PB_SEARCH_QUERY_PREFIX_LAST);
  g_assert_null (strchr (two, '*'));

  g_assert_null (pb_search_query_build ("", PB_SEARCH_QUERY_DEFAULT));
  g_assert_null (pb_search_query_build ("!?*", PB_SEARCH_QUERY_DEFAULT));
}

#define ADD(path, setup, func) \
  g_test_add (path, PbTestFixture, NULL, setup, func, pb_test_fixture_teardown)

int
main (int    argc,
      char **argv)
{
  pb_test_init (&argc, &argv);

  ADD ("/search/injection/strings", pb_test_fixture_setup_full, test_injection);
  ADD ("/search/injection/sizes", pb_test_fixture_setup_full, test_injection_sizes);
  ADD ("/search/injection/fuzz", pb_test_fixture_setup_full, test_injection_fuzz);
  ADD ("/search/injection/not-utf8", pb_test_fixture_setup_full, test_not_utf8);
  ADD ("/search/nothing-searchable", pb_test_fixture_setup_full, test_nothing_searchable);
  ADD ("/search/stemming", import_seed, test_stemming);
  ADD ("/search/prefix", import_seed, test_prefix);
  ADD ("/search/prefix-fallback", pb_test_fixture_setup_full, test_prefix_fallback);
  ADD ("/search/title-weight", pb_test_fixture_setup_open, test_title_weight);
  ADD ("/search/author", pb_test_fixture_setup_open, test_author);
  ADD ("/search/author-fixture", pb_test_fixture_setup_full, test_author_fixture);
  ADD ("/search/snippets", import_seed, test_snippets);
  ADD ("/search/ranking-order", import_seed, test_ranking_order);
  ADD ("/search/phrase", import_seed, test_phrase);
  ADD ("/search/count-and-limit", pb_test_fixture_setup_full, test_count_and_limit);
  ADD ("/search/hidden", import_seed, test_hidden);
  ADD ("/search/unicode", pb_test_fixture_setup_open, test_unicode);
  ADD ("/search/match-keywords", pb_test_fixture_setup_open, test_match_keywords);
  g_test_add_func ("/search/query-builder", test_query_builder);

  return pb_test_run ();
}
