/* pb-bench-text.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pb-bench.h"

/*
 * The text of synthetic papers, and queries drawn from it.
 *
 * It comes from a word chain learnt from the real titles and abstracts in
 * tests/data: mostly the next word follows one that followed it in a real
 * abstract, sometimes any word is drawn by its real frequency. So common
 * words are common (Zipf-like), phrases such as "spiking neural networks"
 * occur, and most papers also get a made-up system name ("Zorvex: ...")
 * that gives the vocabulary its long tail.
 */

#define FOLLOW_ABSTRACT   0.8
#define FOLLOW_TITLE      0.6

typedef struct
{
  GPtrArray  *words;   /* (element-type utf8): id → word; id 0 ends a sentence */
  GHashTable *ids;     /* word → id */
  GArray     *stream;  /* guint32: every token as read, 0 between sentences */
  GPtrArray  *next;    /* (element-type GArray): id → ids that followed it */
  GArray     *starts;  /* guint32: ids that opened a sentence */
} Chain;

struct _BenchVocabulary
{
  Chain     *abstracts;
  Chain     *titles;
  GPtrArray *first_names;
  GPtrArray *last_names;
  GPtrArray *keywords;       /* real AI keywords */
  GPtrArray *organizations;  /* (element-type JsonNode) */
};

/* One paper being written. */
typedef struct
{
  GRand     *rand;
  BenchText *text;
  GPtrArray *words;  /* the abstract's words, borrowed, for keywords */
} Writer;

static const char * const stopwords[] = {
  "a", "an", "the", "of", "for", "in", "on", "with", "to", "via", "by", "from", "and", "or",
  "is", "are", "at", "as", "its", "into", "we", "our", "be", "can", "do", "not", "you", NULL
};

/* Words no keyword starts or ends with, beyond the stop words. */
static const char * const keyword_stopwords[] = {
  "this", "that", "which", "such", "these", "those", "it", "their", "further", "while", "has",
  "have", "was", "were", "also", "than", "both", "each", "more", "most", "using", "based", NULL
};

static const char * const syllables[] = {
  "ra", "vo", "tek", "li", "mo", "zen", "qua", "fi", "lo", "nex", "dra", "gon", "sy", "ber",
  "tal", "ix", "or", "um", "ka", "pi", "sol", "ve", "mar", "cel", "to", "rin", "da", "xu", NULL
};

static const char * const name_suffixes[] = {
  "", "", "", "-7B", "-v2", "Bench", "-R1", "GPT", "-VL", "Net", "-Zero", "-3D", NULL
};

/* Random draws */

double
bench_rand_normal (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1.0);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* A normal draw rounded and kept within [low, high]. (CLAMP would draw
 * several times.) */
static int
rand_normal_int (GRand  *rand,
                 double  mean,
                 double  sd,
                 int     low,
                 int     high)
{
  int value = (int)(mean + sd * bench_rand_normal (rand));

  return CLAMP (value, low, high);
}

int
bench_rand_lognormal (GRand  *rand,
                double  mu,
                double  sigma,
                int     cap)
{
  double value = floor (exp (mu + sigma * bench_rand_normal (rand)));

  return (int)MIN (value, cap);
}

int
bench_rand_pareto (GRand  *rand,
             double  xm,
             double  alpha,
             int     cap)
{
  double value = floor (xm / pow (g_rand_double_range (rand, 1e-9, 1.0), 1.0 / alpha));

  return (int)MIN (value, cap);
}

gboolean
bench_rand_chance (GRand  *rand,
             double  p)
{
  return g_rand_double (rand) < p;
}

gpointer
bench_rand_pick (GRand     *rand,
           GPtrArray *array)
{
  return g_ptr_array_index (array, g_rand_int_range (rand, 0, array->len));
}

char *
bench_rand_hex (GRand *rand,
          guint  n)
{
  char *hex = g_malloc (n + 1);

  for (guint i = 0; i < n; i++)
    hex[i] = "0123456789abcdef"[g_rand_int_range (rand, 0, 16)];
  hex[n] = '\0';

  return hex;
}

/* The word chain */

static Chain *
chain_new (void)
{
  Chain *chain = g_new0 (Chain, 1);

  chain->words = g_ptr_array_new_with_free_func (g_free);
  chain->ids = g_hash_table_new (g_str_hash, g_str_equal);
  chain->stream = g_array_new (FALSE, FALSE, sizeof (guint32));
  chain->next = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  chain->starts = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_ptr_array_add (chain->words, g_strdup (""));
  g_ptr_array_add (chain->next, g_array_new (FALSE, FALSE, sizeof (guint32)));

  return chain;
}

static void
chain_free (Chain *chain)
{
  g_ptr_array_unref (chain->words);
  g_hash_table_unref (chain->ids);
  g_array_unref (chain->stream);
  g_ptr_array_unref (chain->next);
  g_array_unref (chain->starts);
  g_free (chain);
}

static guint32
chain_intern (Chain      *chain,
              const char *word)
{
  gpointer id;
  char *copy;

  if (g_hash_table_lookup_extended (chain->ids, word, NULL, &id))
    return GPOINTER_TO_UINT (id);

  copy = g_strdup (word);
  g_ptr_array_add (chain->words, copy);
  g_ptr_array_add (chain->next, g_array_new (FALSE, FALSE, sizeof (guint32)));
  g_hash_table_insert (chain->ids, copy, GUINT_TO_POINTER (chain->words->len - 1));

  return chain->words->len - 1;
}

static void
chain_link (Chain   *chain,
            guint32  from,
            guint32  to)
{
  if (from == 0)
    g_array_append_val (chain->starts, to);
  else
    g_array_append_val (g_ptr_array_index (chain->next, from), to);
  g_array_append_val (chain->stream, to);
}

/* Strips quotes, brackets and punctuation around a word; says whether a
 * sentence ends after it. Returns NULL for a chunk without letters or
 * digits. */
static char *
clean_word (const char *chunk,
            gboolean   *ends_sentence)
{
  g_autofree char *word = g_strdup (chunk);
  gsize len;
  gboolean has_alnum = FALSE;

  *ends_sentence = FALSE;
  len = strlen (word);
  while (len > 0 && strchr (")]}\"',;:.!?", word[len - 1]) != NULL)
    {
      if (strchr (".!?", word[len - 1]) != NULL)
        *ends_sentence = TRUE;
      word[--len] = '\0';
    }

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    has_alnum |= g_unichar_isalnum (g_utf8_get_char (p));
  if (!has_alnum)
    return NULL;

  len = strspn (word, "([{\"'");
  return g_strdup (word + len);
}

/* "Recurrent" opening a sentence is the word "recurrent"; "RNNs" stays. */
static char *
uncapitalize (const char *word)
{
  gboolean rest_lower = TRUE;

  for (const char *p = g_utf8_next_char (word); *p; p = g_utf8_next_char (p))
    rest_lower &= !g_unichar_isupper (g_utf8_get_char (p));

  if (!rest_lower || !g_unichar_isupper (g_utf8_get_char (word)))
    return g_strdup (word);

  return g_utf8_strdown (word, -1);
}

static void
chain_feed (Chain      *chain,
            const char *text)
{
  g_auto(GStrv) chunks = g_strsplit_set (text, " \t\r\n", -1);
  guint32 previous = 0;

  for (guint i = 0; chunks[i] != NULL; i++)
    {
      gboolean ends = FALSE;
      g_autofree char *word = clean_word (chunks[i], &ends);
      g_autofree char *plain = NULL;
      guint32 id;

      if (word == NULL || *word == '\0')
        continue;

      plain = previous == 0 ? uncapitalize (word) : g_strdup (word);
      id = chain_intern (chain, plain);
      chain_link (chain, previous, id);
      previous = id;
      if (ends)
        {
          chain_link (chain, previous, 0);
          previous = 0;
        }
    }

  if (previous != 0)
    chain_link (chain, previous, 0);
}

static guint32
chain_any (Chain *chain,
           GRand *rand)
{
  guint32 id = 0;

  while (id == 0)
    id = g_array_index (chain->stream, guint32, g_rand_int_range (rand, 0, chain->stream->len));

  return id;
}

static guint32
chain_start (Chain *chain,
             GRand *rand)
{
  return g_array_index (chain->starts, guint32, g_rand_int_range (rand, 0, chain->starts->len));
}

/* The next word: a real successor with probability @follow, 0 for the end
 * of the sentence, otherwise a word of the whole text drawn by frequency. */
static guint32
chain_next (Chain   *chain,
            guint32  id,
            double   follow,
            GRand   *rand)
{
  GArray *next = g_ptr_array_index (chain->next, id);

  if (next->len > 0 && bench_rand_chance (rand, follow))
    return g_array_index (next, guint32, g_rand_int_range (rand, 0, next->len));

  return chain_any (chain, rand);
}

/* BenchVocabulary from the real data */

static void
add_names (BenchVocabulary *vocab,
           JsonArray       *authors)
{
  for (guint i = 0; authors != NULL && i < json_array_get_length (authors); i++)
    {
      JsonNode *node = json_array_get_element (authors, i);
      const char *name = NULL;
      const char *space;

      if (JSON_NODE_HOLDS_OBJECT (node))
        name = json_object_get_string_member_with_default (json_node_get_object (node),
                                                           "name", NULL);
      if (name == NULL || (space = strrchr (name, ' ')) == NULL || space == name)
        continue;

      g_ptr_array_add (vocab->first_names, g_strndup (name, space - name));
      g_ptr_array_add (vocab->last_names, g_strdup (space + 1));
    }
}

static void
add_keywords (BenchVocabulary *vocab,
              JsonArray       *keywords)
{
  for (guint i = 0; keywords != NULL && i < json_array_get_length (keywords); i++)
    {
      const char *keyword = json_array_get_string_element (keywords, i);

      if (keyword != NULL)
        g_ptr_array_add (vocab->keywords, g_strdup (keyword));
    }
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
learn_item (BenchVocabulary *vocab,
            JsonNode        *item)
{
  JsonObject *object, *fields;
  JsonNode *paper, *org;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return;

  object = json_node_get_object (item);
  paper = json_object_get_member (object, "paper");
  fields = paper != NULL && JSON_NODE_HOLDS_OBJECT (paper) ? json_node_get_object (paper) : object;

  if ((text = json_object_get_string_member_with_default (fields, "title", NULL)) != NULL)
    chain_feed (vocab->titles, text);
  if ((text = json_object_get_string_member_with_default (fields, "summary", NULL)) != NULL)
    chain_feed (vocab->abstracts, text);
  if ((text = json_object_get_string_member_with_default (fields, "ai_summary", NULL)) != NULL)
    chain_feed (vocab->abstracts, text);

  add_names (vocab, get_array_member (fields, "authors"));
  add_keywords (vocab, get_array_member (fields, "ai_keywords"));

  org = json_object_get_member (fields, "organization");
  if (org != NULL && JSON_NODE_HOLDS_OBJECT (org))
    g_ptr_array_add (vocab->organizations, json_node_copy (org));
}

static gboolean
learn_file (BenchVocabulary  *vocab,
            const char       *path,
            GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        learn_item (vocab, json_array_get_element (array, i));
    }
  else if (root != NULL)
    learn_item (vocab, root);

  return TRUE;
}

void
bench_vocabulary_free (BenchVocabulary *vocab)
{
  chain_free (vocab->abstracts);
  chain_free (vocab->titles);
  g_ptr_array_unref (vocab->first_names);
  g_ptr_array_unref (vocab->last_names);
  g_ptr_array_unref (vocab->keywords);
  g_ptr_array_unref (vocab->organizations);
  g_free (vocab);
}

BenchVocabulary *
bench_vocabulary_load (const char  *source_dir,
                 GError     **error)
{
  g_autoptr(BenchVocabulary) vocab = g_new0 (BenchVocabulary, 1);
  g_autofree char *seed = g_build_filename (source_dir, "tests", "data", "seed",
                                            "search-page.json", NULL);
  g_autofree char *hf_dir = g_build_filename (source_dir, "tests", "data", "hf", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  vocab->abstracts = chain_new ();
  vocab->titles = chain_new ();
  vocab->first_names = g_ptr_array_new_with_free_func (g_free);
  vocab->last_names = g_ptr_array_new_with_free_func (g_free);
  vocab->keywords = g_ptr_array_new_with_free_func (g_free);
  vocab->organizations = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

  if (!learn_file (vocab, seed, error) || (dir = g_dir_open (hf_dir, 0, error)) == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (hf_dir, name, NULL);

      if (g_str_has_suffix (name, ".json") && !learn_file (vocab, path, error))
        return NULL;
    }

  if (vocab->titles->starts->len == 0 || vocab->abstracts->starts->len == 0 ||
      vocab->first_names->len == 0 || vocab->keywords->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "No usable text found under %s/tests/data", source_dir);
      return NULL;
    }

  return g_steal_pointer (&vocab);
}

/* Text of one paper */

static char *
make_name (GRand *rand)
{
  GString *name = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 2, 4);

  for (guint i = 0; i < n; i++)
    g_string_append (name, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables) - 1)]);
  name->str[0] = g_ascii_toupper (name->str[0]);
  g_string_append (name, name_suffixes[g_rand_int_range (rand, 0,
                                                         G_N_ELEMENTS (name_suffixes) - 1)]);

  return g_string_free (name, FALSE);
}

static void
append_capitalized (GString    *out,
                    const char *word)
{
  gunichar first = g_utf8_get_char (word);

  g_string_append_unichar (out, g_unichar_toupper (first));
  g_string_append (out, g_utf8_next_char (word));
}

/* One sentence of about @n_words, led by @lead when given. The words go to
 * @words too (borrowed), for keywords. */
static void
append_sentence (Writer     *writer,
                 Chain      *chain,
                 GString    *out,
                 guint       n_words,
                 const char *lead)
{
  guint32 id = chain_start (chain, writer->rand);

  if (out->len > 0)
    g_string_append_c (out, ' ');
  if (lead != NULL)
    {
      g_string_append (out, lead);
      g_string_append_c (out, ' ');
      g_ptr_array_add (writer->words, writer->text->name);
    }

  for (guint i = 0; i < n_words; i++)
    {
      const char *word = g_ptr_array_index (chain->words, id);

      if (i == 0 && lead == NULL)
        append_capitalized (out, word);
      else
        g_string_append (out, word);
      g_ptr_array_add (writer->words, (gpointer)word);

      id = chain_next (chain, id, FOLLOW_ABSTRACT, writer->rand);
      if (id == 0 && i + 1 >= n_words * 2 / 3)
        break;
      while (id == 0)
        id = chain_any (chain, writer->rand);
      g_string_append (out, i + 1 < n_words && bench_rand_chance (writer->rand, 0.05) ? ", " : " ");
    }

  g_strchomp (out->str);
  out->len = strlen (out->str);
  if (out->str[out->len - 1] == ',')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '.');
}

static void
make_abstract (Writer *writer,
               Chain  *chain)
{
  GString *text = g_string_new (NULL);
  int target = rand_normal_int (writer->rand, 200, 35, 80, 330);
  g_autofree char *introduce = NULL;

  /* Abstracts name their system first, and again now and then. */
  if (writer->text->name != NULL)
    {
      introduce = g_strdup_printf ("We introduce %s,", writer->text->name);
      append_sentence (writer, chain, text, g_rand_int_range (writer->rand, 12, 33), introduce);
    }

  while ((int)writer->words->len < target)
    {
      guint n = g_rand_int_range (writer->rand, 12, 33);
      const char *lead = NULL;

      n = MIN (n, (guint)(target - writer->words->len) + 4);

      if (writer->text->name != NULL && bench_rand_chance (writer->rand, 0.12))
        lead = writer->text->name;
      append_sentence (writer, chain, text, n, lead);
    }

  writer->text->abstract = g_string_free (text, FALSE);
}

static gboolean
is_stopword (const char *word)
{
  return g_strv_contains (stopwords, word);
}

/* Titles follow the titles' chain, with words of the abstracts mixed in;
 * @chain says which chain @id belongs to. */
static guint32
title_step (BenchVocabulary  *vocab,
            Chain           **chain,
            guint32           id,
            GRand            *rand)
{
  GArray *next = g_ptr_array_index ((*chain)->next, id);
  gpointer found;

  if (next->len > 0 && bench_rand_chance (rand, FOLLOW_TITLE))
    {
      guint32 n = g_array_index (next, guint32, g_rand_int_range (rand, 0, next->len));

      if (n != 0)
        return n;
    }

  id = chain_any (vocab->abstracts, rand);
  if (g_hash_table_lookup_extended (vocab->titles->ids,
                                    g_ptr_array_index (vocab->abstracts->words, id),
                                    NULL, &found))
    {
      *chain = vocab->titles;
      return GPOINTER_TO_UINT (found);
    }

  *chain = vocab->abstracts;
  return id;
}

static void
make_title (Writer          *writer,
            BenchVocabulary *vocab)
{
  GString *title = g_string_new (NULL);
  int n = rand_normal_int (writer->rand, 11.5, 2.5, 5, 20);
  Chain *chain = vocab->titles;
  guint32 id = chain_start (chain, writer->rand);

  if (writer->text->name != NULL)
    {
      g_string_append_printf (title, "%s: ", writer->text->name);
      n--;
    }

  for (int i = 0; i < n; i++)
    {
      const char *word = g_ptr_array_index (chain->words, id);

      if (i > 0)
        g_string_append_c (title, ' ');
      if (strlen (word) > 3 || i == 0 || !is_stopword (word))
        append_capitalized (title, word);
      else
        g_string_append (title, word);

      id = title_step (vocab, &chain, id, writer->rand);
    }

  writer->text->title = g_string_free (title, FALSE);
}

static gboolean
is_keyword_edge (const char *word)
{
  g_autofree char *lower = g_ascii_strdown (word, -1);

  return !is_stopword (lower) && !g_strv_contains (keyword_stopwords, lower);
}

/* Keywords are the abstract's own phrases, or real ones now and then;
 * none starts or ends with a word like "of". */
static char *
dup_keyword (Writer          *writer,
             BenchVocabulary *vocab)
{
  GPtrArray *words = writer->words;
  GString *keyword;
  guint len, start;

  if (bench_rand_chance (writer->rand, 0.25))
    return g_strdup (bench_rand_pick (writer->rand, vocab->keywords));

  do
    {
      len = g_rand_int_range (writer->rand, 1, 4);
      start = g_rand_int_range (writer->rand, 0, words->len - len);
    }
  while (!is_keyword_edge (g_ptr_array_index (words, start)) ||
         !is_keyword_edge (g_ptr_array_index (words, start + len - 1)));

  keyword = g_string_new (NULL);
  for (guint j = start; j < start + len; j++)
    g_string_append_printf (keyword, "%s%s", j > start ? " " : "",
                            (const char *)g_ptr_array_index (words, j));

  return g_string_free (keyword, FALSE);
}

static void
make_keywords (Writer          *writer,
               BenchVocabulary *vocab)
{
  guint n = g_rand_int_range (writer->rand, 4, 11);

  writer->text->keywords = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (writer->text->keywords, dup_keyword (writer, vocab));
}

static void
make_ai_summary (Writer *writer,
                 Chain  *chain)
{
  GString *text = g_string_new (NULL);
  guint n_words = writer->words->len;
  const char *lead = NULL;

  if (writer->text->name != NULL && bench_rand_chance (writer->rand, 0.5))
    lead = writer->text->name;

  append_sentence (writer, chain, text, g_rand_int_range (writer->rand, 18, 35), lead);
  g_ptr_array_set_size (writer->words, n_words);
  writer->text->ai_summary = g_string_free (text, FALSE);
}

static void
make_authors (Writer          *writer,
              BenchVocabulary *vocab)
{
  guint n = g_rand_int_range (writer->rand, 3, 9);

  writer->text->authors = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (writer->text->authors,
                     g_strdup_printf ("%s %s",
                                      (char *)bench_rand_pick (writer->rand, vocab->first_names),
                                      (char *)bench_rand_pick (writer->rand, vocab->last_names)));
}

/**
 * bench_text_generate:
 * @text: (out caller-allocates): cleared with bench_text_clear()
 *
 * Writes the title, abstract, authors and AI fields of one paper.
 */
void
bench_text_generate (BenchText       *text,
                     BenchVocabulary *vocab,
                     GRand           *rand)
{
  Writer writer = { rand, text, g_ptr_array_new () };

  memset (text, 0, sizeof *text);
  if (bench_rand_chance (rand, 0.55))
    text->name = make_name (rand);

  make_title (&writer, vocab);
  make_authors (&writer, vocab);
  make_abstract (&writer, vocab->abstracts);
  if (bench_rand_chance (rand, 0.92))
    {
      make_ai_summary (&writer, vocab->abstracts);
      make_keywords (&writer, vocab);
    }

  g_ptr_array_unref (writer.words);
}

void
bench_text_clear (BenchText *text)
{
  g_free (text->name);
  g_free (text->title);
  g_free (text->abstract);
  g_free (text->ai_summary);
  g_clear_pointer (&text->keywords, g_ptr_array_unref);
  g_clear_pointer (&text->authors, g_ptr_array_unref);
}

/* A person of the real author lists, recombined. */
char *
bench_vocabulary_dup_person (BenchVocabulary  *vocab,
                             GRand            *rand,
                             char            **first,
                             char            **last)
{
  const char *f = bench_rand_pick (rand, vocab->first_names);
  const char *l = bench_rand_pick (rand, vocab->last_names);

  if (first != NULL)
    *first = g_strdup (f);
  if (last != NULL)
    *last = g_strdup (l);

  return g_strdup_printf ("%s %s", f, l);
}

/**
 * bench_vocabulary_get_organizations:
 *
 * Returns: (transfer none) (element-type JsonNode): the real organizations
 */
GPtrArray *
bench_vocabulary_get_organizations (BenchVocabulary *vocab)
{
  return vocab->organizations;
}

/* Queries */

static GPtrArray *
split_title (const char *title)
{
  g_auto(GStrv) chunks = g_strsplit_set (title, " \t\r\n", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; chunks[i] != NULL; i++)
    {
      gboolean ends;
      g_autofree char *word = clean_word (chunks[i], &ends);

      if (word != NULL && *word != '\0')
        g_ptr_array_add (words, g_utf8_strdown (word, -1));
    }

  return words;
}

/* One to three consecutive words of a title, not starting or ending with a
 * stop word; for type-ahead, the last word cut to a prefix of 3 or more
 * characters, as somebody still typing it. */
static char *
draw_query (GPtrArray *titles,
            gboolean   prefix,
            GRand     *rand)
{
  for (;;)
    {
      g_autoptr(GPtrArray) words = split_title (bench_rand_pick (rand, titles));
      guint k = g_rand_int_range (rand, 1, 4);
      g_autoptr(GString) query = g_string_new (NULL);
      const char *last;
      guint start;
      glong len;

      if (words->len < k)
        continue;
      start = g_rand_int_range (rand, 0, words->len - k + 1);
      last = g_ptr_array_index (words, start + k - 1);
      len = g_utf8_strlen (last, -1);
      if (is_stopword (g_ptr_array_index (words, start)) || is_stopword (last) ||
          (prefix && len < 4))
        continue;

      for (guint i = start; i < start + k; i++)
        g_string_append_printf (query, "%s%s", i > start ? " " : "",
                                (const char *)g_ptr_array_index (words, i));
      if (prefix)
        {
          glong keep = g_utf8_strlen (query->str, -1) - len + g_rand_int_range (rand, 3, len);

          g_string_truncate (query, g_utf8_offset_to_pointer (query->str, keep) - query->str);
        }

      return g_string_free (g_steal_pointer (&query), FALSE);
    }
}

/**
 * bench_queries_draw:
 * @titles: (element-type utf8): titles to draw from
 *
 * Returns: (transfer full) (element-type utf8): @n queries
 */
GPtrArray *
bench_queries_draw (GPtrArray *titles,
                    guint      n,
                    gboolean   prefix,
                    guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ (prefix ? 0x7072 : 0x776f));
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (titles->len > 0, queries);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (queries, draw_query (titles, prefix, rand));

  return queries;
}
