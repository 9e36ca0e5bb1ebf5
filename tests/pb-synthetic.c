/* pb-synthetic.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-synthetic"

#include "config.h"

#include "pb-paper-private.h"
#include "pb-parser.h"
#include "pb-synthetic.h"
#include "pb-text.h"

/*
 * Synthetic papers for tests and benchmarks: plausible titles and
 * abstracts from a narrow vocabulary (so that searches match many papers,
 * as real queries of common words do), 3 to 8 authors, heavy-tailed
 * upvotes, spread over daily lists. Papers are built directly, not parsed,
 * so that 100,000 of them take seconds; they go through pb_store_merge()
 * like any import, in one bulk transaction.
 */

static const char * const words[] = {
  "neural", "network", "language", "model", "diffusion", "vision", "transformer",
  "agent", "reasoning", "benchmark", "retrieval", "learning", "reinforcement",
  "multimodal", "video", "generation", "robot", "policy", "graph", "attention",
  "efficient", "scaling", "sparse", "training", "inference", "alignment", "reward",
  "dataset", "evaluation", "spiking", "memory", "planning", "speech", "audio",
  "image", "segmentation", "detection", "protein", "molecule", "physics", "code",
  "synthesis", "instruction", "tuning", "quantization", "distillation", "latent",
  "embedding", "contrastive", "self-supervised", "federated", "privacy", "robust",
  "adversarial", "uncertainty", "causal", "temporal", "spatial", "3D", "scene",
};

static const char * const names[] = {
  "Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John", "Radia",
  "Ken", "Margaret", "Dennis", "Shafi", "Leslie", "Yann", "Fei-Fei", "Geoffrey", "Yoshua",
};

static const char * const surnames[] = {
  "Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy",
  "Perlman", "Thompson", "Hamilton", "Ritchie", "Goldwasser", "Lamport", "Chen", "Li",
};

static GPtrArray *vocabulary;  /* (nullable): for the fill in progress */

static const char *
random_word (GRand *rand)
{
  if (vocabulary != NULL)
    return g_ptr_array_index (vocabulary, g_rand_int_range (rand, 0, vocabulary->len));
  return words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
}

static void
append_words (GString *text,
              GRand   *rand,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, random_word (rand));
    }
}

static PbPaper *
make_paper (GRand      *rand,
            guint       index,
            const char *day,
            guint       abstract_words)
{
  PbPaper *paper = _pb_paper_new ();
  GString *text = g_string_new (NULL);
  guint n_authors = g_rand_int_range (rand, 3, 9);
  double u = g_rand_double (rand);

  paper->id = g_strdup_printf ("%.2s%.2s.%05u", day + 2, day + 5, index % 100000);
  if (index >= 100000)
    {
      g_free (paper->id);
      paper->id = g_strdup_printf ("syn-%u", index);
    }

  append_words (text, rand, 11);
  text->str[0] = g_ascii_toupper (text->str[0]);
  paper->title = g_strdup (text->str);

  g_string_truncate (text, 0);
  append_words (text, rand, abstract_words);
  g_string_append_c (text, '.');
  paper->abstract = g_strdup (text->str);
  g_string_free (text, TRUE);

  paper->authors = g_new0 (char *, n_authors + 1);
  for (guint i = 0; i < n_authors; i++)
    paper->authors[i] = g_strdup_printf ("%s %s",
                                         names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))],
                                         surnames[g_rand_int_range (rand, 0,
                                                                    G_N_ELEMENTS (surnames))]);

  paper->published_on = pb_text_date_add_days (day, -g_rand_int_range (rand, 0, 5));
  /* Heavy-tailed, as upvotes are: most papers few, some hundreds. */
  paper->upvotes = (int)(3.0 / (0.01 + u * u));
  paper->comments = g_rand_int_range (rand, 0, 6);
  paper->github_stars = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 5000) : PB_COUNT_UNKNOWN;
  paper->raw_json = g_strdup_printf ("{\"synthetic\": %u}", index);

  return paper;
}

/**
 * pb_synthetic_fill:
 *
 * Adds @options->n_papers papers to @store as daily lists of the
 * @options->n_days days up to @options->last_day.
 */
gboolean
pb_synthetic_fill (PbStore                  *store,
                   const PbSyntheticOptions *options,
                   GError                  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->seed);
  guint per_day = MAX (1, (options->n_papers + options->n_days - 1) / options->n_days);
  PbMergeStats stats = { 0 };
  guint made = 0;

  vocabulary = options->vocabulary;

  if (!pb_store_begin (store, TRUE, error))
    return FALSE;

  for (guint d = 0; made < options->n_papers; d++)
    {
      g_autofree char *day = pb_text_date_add_days (options->last_day, -(int)d);
      g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < per_day && made < options->n_papers; i++, made++)
        g_ptr_array_add (papers, make_paper (rand, made, day, options->abstract_words));

      if (!pb_store_merge (store, papers, PB_LIST_DAILY, day, &stats, error))
        {
          pb_store_rollback (store);
          return FALSE;
        }
    }

  return pb_store_commit (store, error);
}

static void
add_words (GPtrArray  *list,
           const char *text)
{
  g_auto(GStrv) tokens = NULL;

  if (text == NULL)
    return;

  tokens = g_regex_split_simple ("[^[:alnum:]-]+", text, 0, 0);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_utf8_strlen (tokens[i], -1) > 1)
      g_ptr_array_add (list, g_utf8_strdown (tokens[i], -1));
}

/**
 * pb_synthetic_read_vocabulary:
 * @json_files: files of the Hugging Face API (tests/data/hf)
 *
 * Every word of the titles and abstracts of real papers, as often as they
 * come: drawing from it gives text whose words are as frequent as in real
 * abstracts, so that a search matches as many papers as it would.
 *
 * Returns: (transfer full) (element-type utf8): the words
 */
GPtrArray *
pb_synthetic_read_vocabulary (const char * const  *json_files,
                              GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; json_files[i] != NULL; i++)
    {
      g_autofree char *data = NULL;
      g_autoptr(PbParseResult) result = NULL;
      gsize length;

      if (!g_file_get_contents (json_files[i], &data, &length, error) ||
          (result = pb_parser_parse (data, length, error)) == NULL)
        return NULL;

      for (guint j = 0; j < result->papers->len; j++)
        {
          PbPaper *paper = g_ptr_array_index (result->papers, j);

          add_words (list, pb_paper_get_title (paper));
          add_words (list, pb_paper_get_abstract (paper));
        }
    }

  return g_steal_pointer (&list);
}
