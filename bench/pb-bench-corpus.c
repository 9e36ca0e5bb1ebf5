/* pb-bench-corpus.c
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
 * A synthetic corpus that looks like years of Hugging Face daily lists, in
 * the API's 2026 shape (see tests/data/hf/HF-API.md); the text comes from
 * pb-bench-text.c.
 *
 * Every paper is a pure function of the seed and its number, so the trending
 * file can regenerate the papers it lists with newer counts.
 */

#define LAST_LIST_DAY     "2026-08-20"
#define MEAN_PER_LIST     90
#define N_USERS           400
#define N_TRENDING        60

typedef struct
{
  char    *id;
  char    *avatar;
  char    *fullname;
  char    *name;
  gboolean is_pro;
  int      followers;
} User;

typedef struct
{
  guint32 index;
  guint32 day;
  int     stars;
  char    id[16];
} Slot;

typedef struct
{
  guint  date_julian;
  guint  n_papers;
} DayPlan;

typedef struct
{
  BenchVocabulary *vocab;
  guint32          seed;
  GPtrArray  *users;   /* (element-type User) */
  GArray     *slots;   /* Slot, in paper order */
  GArray     *days;    /* DayPlan, oldest first */
} Generator;

/* Everything one list item says, before it becomes JSON. */
typedef struct
{
  GRand      *rand;
  const Slot *slot;
  BenchText   text;
  char       *published_at;
  char       *listed_at;
  char       *item_published_at;
  int         upvotes;
  int         comments;
  int         stars;         /* -1: none */
  char       *github_repo;   /* (nullable) */
  char       *project_page;  /* (nullable) */
  const User *submitter;
  JsonNode   *organization;  /* (nullable) (borrowed) */
  gboolean    participating;
} Draft;

/* Heavy tails: most papers get a handful of upvotes, a few get hundreds;
 * most repositories have a few stars, a few tens of thousands. */
static void
make_counts (Draft *draft)
{
  GRand *rand = draft->rand;

  draft->upvotes = bench_rand_lognormal (rand, 1.5, 1.25, 5000);
  draft->comments = (int)floor (-log (g_rand_double_range (rand, 1e-9, 1.0)) *
                                (0.3 + draft->upvotes / 25.0));
  draft->stars = -1;

  if (bench_rand_chance (rand, 0.45))
    {
      g_autofree char *repo = draft->text.name ? g_ascii_strdown (draft->text.name, -1)
                                          : bench_rand_hex (rand, 8);
      draft->github_repo = g_strdup_printf ("https://github.com/%s/%s", draft->submitter->name,
                                            repo);
      if (bench_rand_chance (rand, 0.85))
        draft->stars = bench_rand_pareto (rand, 2.0, 0.75, 150000) - 1;
    }
  if (bench_rand_chance (rand, 0.25))
    draft->project_page = g_strdup_printf ("https://%s.github.io/%s/",
                                           draft->submitter->name,
                                           draft->text.name ? draft->text.name : "project");
}

/* One paper */

static char *
format_day (guint       julian,
            const char *suffix)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_strdup_printf ("%04u-%02u-%02u%s", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), suffix);
}

static GRand *
paper_rand (guint32 seed,
            guint32 index)
{
  guint32 key[3] = { seed, index, 0x9e3779b9 };

  return g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));
}

static void
draft_clear (Draft *draft)
{
  g_clear_pointer (&draft->rand, g_rand_free);
  bench_text_clear (&draft->text);
  g_free (draft->published_at);
  g_free (draft->listed_at);
  g_free (draft->item_published_at);
  g_free (draft->github_repo);
  g_free (draft->project_page);
}

static void
draft_fill (Draft      *draft,
            Generator  *gen,
            const Slot *slot)
{
  GPtrArray *organizations = bench_vocabulary_get_organizations (gen->vocab);
  guint day = g_array_index (gen->days, DayPlan, slot->day).date_julian;
  guint back;

  draft->slot = slot;
  draft->rand = paper_rand (gen->seed, slot->index);
  draft->submitter = bench_rand_pick (draft->rand, gen->users);
  bench_text_generate (&draft->text, gen->vocab, draft->rand);
  make_counts (draft);

  back = g_rand_int_range (draft->rand, 1, 4);
  draft->published_at = format_day (day - back, "T00:00:00.000Z");
  draft->item_published_at = format_day (day - back - 1, "T20:00:00.000Z");
  draft->listed_at = format_day (day, "T00:00:00.000Z");
  if (organizations->len > 0 && bench_rand_chance (draft->rand, 0.35))
    draft->organization = bench_rand_pick (draft->rand, organizations);
  draft->participating = bench_rand_chance (draft->rand, 0.3);
}

/* JSON, in the member order the 2026 API uses */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_authors (JsonBuilder *builder,
             Draft       *draft)
{
  json_builder_set_member_name (builder, "authors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < draft->text.authors->len; i++)
    {
      g_autofree char *id = bench_rand_hex (draft->rand, 24);

      json_builder_begin_object (builder);
      add_string (builder, "_id", id);
      add_string (builder, "name", g_ptr_array_index (draft->text.authors, i));
      add_bool (builder, "hidden", FALSE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_listed_by (JsonBuilder *builder,
               const User  *user)
{
  json_builder_set_member_name (builder, "submittedOnDailyBy");
  json_builder_begin_object (builder);
  add_string (builder, "_id", user->id);
  add_string (builder, "avatarUrl", user->avatar);
  add_bool (builder, "isPro", user->is_pro);
  add_string (builder, "fullname", user->fullname);
  add_string (builder, "user", user->name);
  add_string (builder, "type", "user");
  add_string (builder, "name", user->name);
  json_builder_end_object (builder);
}

static void
add_submitted_by (JsonBuilder *builder,
                  const User  *user)
{
  json_builder_set_member_name (builder, "submittedBy");
  json_builder_begin_object (builder);
  add_string (builder, "_id", user->id);
  add_string (builder, "avatarUrl", user->avatar);
  add_string (builder, "fullname", user->fullname);
  add_string (builder, "name", user->name);
  add_string (builder, "type", "user");
  add_bool (builder, "isPro", user->is_pro);
  add_bool (builder, "isHf", FALSE);
  add_bool (builder, "isHfAdmin", FALSE);
  add_bool (builder, "isMod", FALSE);
  add_int (builder, "followerCount", user->followers);
  add_bool (builder, "isUserFollowing", FALSE);
  json_builder_end_object (builder);
}

static void
add_organization (JsonBuilder *builder,
                  Draft       *draft)
{
  if (draft->organization == NULL)
    return;

  json_builder_set_member_name (builder, "organization");
  json_builder_add_value (builder, json_node_copy (draft->organization));
}

static void
add_ai_fields (JsonBuilder *builder,
               Draft       *draft)
{
  if (draft->text.ai_summary == NULL)
    return;

  add_string (builder, "ai_summary", draft->text.ai_summary);
  json_builder_set_member_name (builder, "ai_keywords");
  json_builder_begin_array (builder);
  for (guint i = 0; i < draft->text.keywords->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (draft->text.keywords, i));
  json_builder_end_array (builder);
  add_string (builder, "ai_summary_model", "thinkingmachines/Inkling-Small");
}

static void
add_paper (JsonBuilder *builder,
           Draft       *draft)
{
  g_autofree char *discussion = bench_rand_hex (draft->rand, 24);

  json_builder_set_member_name (builder, "paper");
  json_builder_begin_object (builder);
  add_string (builder, "id", draft->slot->id);
  add_authors (builder, draft);
  add_string (builder, "publishedAt", draft->published_at);
  add_string (builder, "submittedOnDailyAt", draft->listed_at);
  add_string (builder, "title", draft->text.title);
  add_listed_by (builder, draft->submitter);
  add_string (builder, "summary", draft->text.abstract);
  add_int (builder, "upvotes", draft->upvotes);
  add_string (builder, "discussionId", discussion);
  if (draft->project_page != NULL)
    add_string (builder, "projectPage", draft->project_page);
  if (draft->github_repo != NULL)
    {
      add_string (builder, "githubRepo", draft->github_repo);
      add_string (builder, "githubRepoAddedBy", draft->stars >= 0 ? "user" : "auto");
    }
  add_ai_fields (builder, draft);
  if (draft->stars >= 0)
    add_int (builder, "githubStars", draft->stars);
  add_organization (builder, draft);
  json_builder_end_object (builder);
}

static void
add_item (JsonBuilder *builder,
          Draft       *draft)
{
  g_autofree char *thumbnail = g_strdup_printf ("https://cdn-thumbnails.huggingface.co/"
                                                "social-thumbnails/papers/%s.png",
                                                draft->slot->id);

  json_builder_begin_object (builder);
  add_paper (builder, draft);
  add_string (builder, "publishedAt", draft->item_published_at);
  add_string (builder, "title", draft->text.title);
  add_string (builder, "summary", draft->text.abstract);
  add_string (builder, "thumbnail", thumbnail);
  add_int (builder, "numComments", draft->comments);
  add_submitted_by (builder, draft->submitter);
  add_organization (builder, draft);
  add_bool (builder, "isAuthorParticipating", draft->participating);
  json_builder_end_object (builder);
}

static gboolean
write_items (GArray      *drafts,
             const char  *path,
             BenchCorpus *corpus,
             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  json_builder_begin_array (builder);
  for (guint i = 0; i < drafts->len; i++)
    add_item (builder, &g_array_index (drafts, Draft, i));
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  corpus->json_bytes += length;
  g_ptr_array_add (corpus->paths, g_strdup (path));

  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600, error);
}

/* Daily lists are ordered by upvotes, highest first. */
static int
compare_drafts (gconstpointer a,
                gconstpointer b)
{
  const Draft *x = a;
  const Draft *y = b;

  if (x->upvotes != y->upvotes)
    return x->upvotes > y->upvotes ? -1 : 1;
  return x->slot->index < y->slot->index ? -1 : 1;
}

static gboolean
write_day (Generator   *gen,
           guint        day,
           guint        first_slot,
           const char  *json_dir,
           BenchCorpus *corpus,
           GError     **error)
{
  const DayPlan *plan = &g_array_index (gen->days, DayPlan, day);
  g_autoptr(GArray) drafts = g_array_sized_new (FALSE, TRUE, sizeof (Draft), plan->n_papers);
  g_autofree char *date = format_day (plan->date_julian, "");
  g_autofree char *name = g_strdup_printf ("daily_papers_%s.json", date);
  g_autofree char *path = g_build_filename (json_dir, name, NULL);

  g_array_set_clear_func (drafts, (GDestroyNotify)draft_clear);
  g_array_set_size (drafts, plan->n_papers);
  for (guint i = 0; i < plan->n_papers; i++)
    {
      Slot *slot = &g_array_index (gen->slots, Slot, first_slot + i);
      Draft *draft = &g_array_index (drafts, Draft, i);

      draft_fill (draft, gen, slot);
      slot->stars = draft->stars;
    }
  g_array_sort (drafts, compare_drafts);

  return write_items (drafts, path, corpus, error);
}

static int
compare_stars (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GArray *slots = user_data;
  const Slot *x = &g_array_index (slots, Slot, *(const guint *)a);
  const Slot *y = &g_array_index (slots, Slot, *(const guint *)b);

  if (x->stars != y->stars)
    return x->stars > y->stars ? -1 : 1;
  return x->index < y->index ? -1 : 1;
}

/* Trending ranks by GitHub stars, old papers included; its counts are newer
 * than the daily lists', so importing it updates those papers. */
static gboolean
write_trending (Generator   *gen,
                const char  *json_dir,
                BenchCorpus *corpus,
                GError     **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) drafts = g_array_new (FALSE, TRUE, sizeof (Draft));
  g_autofree char *path = g_build_filename (json_dir, "daily_papers_sort_trending.json", NULL);

  for (guint i = 0; i < gen->slots->len; i++)
    if (g_array_index (gen->slots, Slot, i).stars > 0)
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_stars, gen->slots);

  g_array_set_clear_func (drafts, (GDestroyNotify)draft_clear);
  g_array_set_size (drafts, MIN (order->len, N_TRENDING));
  for (guint i = 0; i < drafts->len; i++)
    {
      Draft *draft = &g_array_index (drafts, Draft, i);

      draft_fill (draft, gen, &g_array_index (gen->slots, Slot, g_array_index (order, guint, i)));
      draft->upvotes += draft->upvotes / 10 + 1;
      draft->stars += draft->stars / 20 + 1;
    }

  corpus->n_trending = drafts->len;
  return write_items (drafts, path, corpus, error);
}

/* The plan: which days have lists, how long, and the papers' ids */

static void
plan_days (Generator *gen,
           GRand     *master,
           guint      n_papers)
{
  GDate date;
  guint julian;
  guint total = 0;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, LAST_LIST_DAY);
  julian = g_date_get_julian (&date);

  for (; total < n_papers; julian--)
    {
      DayPlan plan = { julian, 0 };
      GDateWeekday weekday;

      g_date_set_julian (&date, julian);
      weekday = g_date_get_weekday (&date);
      if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
        continue;

      plan.n_papers = g_rand_int_range (master, MEAN_PER_LIST - 30, MEAN_PER_LIST + 31);
      plan.n_papers = MIN (plan.n_papers, n_papers - total);
      total += plan.n_papers;
      g_array_prepend_val (gen->days, plan);
    }
}

/* arXiv-like ids, "YYMM.NNNNN", increasing within each month. */
static void
plan_slots (Generator *gen,
            GRand     *master)
{
  g_autoptr(GHashTable) counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint32 index = 0;

  for (guint d = 0; d < gen->days->len; d++)
    {
      const DayPlan *plan = &g_array_index (gen->days, DayPlan, d);
      g_autofree char *date = format_day (plan->date_julian, "");
      g_autofree char *yymm = g_strdup_printf ("%.2s%.2s", date + 2, date + 5);

      for (guint i = 0; i < plan->n_papers; i++)
        {
          Slot slot = { index++, d, -1, "" };
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counters, yymm));

          if (n == 0)
            n = g_rand_int_range (master, 1, 400);
          n += g_rand_int_range (master, 1, 30);
          g_hash_table_replace (counters, g_strdup (yymm), GUINT_TO_POINTER (n));
          g_snprintf (slot.id, sizeof slot.id, "%s.%05u", yymm, n);
          g_array_append_val (gen->slots, slot);
        }
    }
}

static void
user_free (User *user)
{
  g_free (user->id);
  g_free (user->avatar);
  g_free (user->fullname);
  g_free (user->name);
  g_free (user);
}

static char *
make_username (const char *first,
               const char *last,
               GRand      *rand)
{
  GString *name = g_string_new (NULL);

  for (const char *p = first; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (name, g_ascii_tolower (*p));
  for (const char *p = last; *p && name->len < 12; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (name, g_ascii_tolower (*p));
  if (name->len == 0 || bench_rand_chance (rand, 0.4))
    g_string_append_printf (name, "%d", g_rand_int_range (rand, 1, 1000));

  return g_string_free (name, FALSE);
}

static GPtrArray *
make_users (BenchVocabulary *vocab,
            GRand           *master)
{
  GPtrArray *users = g_ptr_array_new_with_free_func ((GDestroyNotify)user_free);

  for (guint i = 0; i < N_USERS; i++)
    {
      User *user = g_new0 (User, 1);
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *hash = NULL;

      user->fullname = bench_vocabulary_dup_person (vocab, master, &first, &last);
      hash = bench_rand_hex (master, 32);
      user->id = bench_rand_hex (master, 24);
      user->name = make_username (first, last, master);
      user->avatar = bench_rand_chance (master, 0.5)
                     ? g_strdup_printf ("/avatars/%s.svg", hash)
                     : g_strdup_printf ("https://cdn-avatars.huggingface.co/v1/production/"
                                        "uploads/%s/%.10s.jpeg", user->id, hash);
      user->is_pro = bench_rand_chance (master, 0.2);
      user->followers = bench_rand_pareto (master, 1.0, 0.9, 20000);
      g_ptr_array_add (users, user);
    }

  return users;
}

void
bench_corpus_free (BenchCorpus *corpus)
{
  if (corpus == NULL)
    return;

  g_ptr_array_unref (corpus->paths);
  g_free (corpus->first_day);
  g_free (corpus->last_day);
  g_free (corpus);
}

static gboolean
write_days (Generator   *gen,
            const char  *json_dir,
            BenchCorpus *corpus,
            GError     **error)
{
  guint first_slot = 0;

  for (guint d = 0; d < gen->days->len; d++)
    {
      if (d % 100 == 0)
        bench_progress ("Generating daily lists: %u of %u", d, gen->days->len);
      if (!write_day (gen, d, first_slot, json_dir, corpus, error))
        return FALSE;
      first_slot += g_array_index (gen->days, DayPlan, d).n_papers;
    }

  return TRUE;
}

/**
 * bench_corpus_generate:
 * @source_dir: the source tree, whose tests/data holds the real text
 * @json_dir: where to write the files; created if missing
 *
 * Returns: (transfer full): the files written, daily lists oldest first and
 *   the trending list last
 */
BenchCorpus *
bench_corpus_generate (const char  *source_dir,
                       const char  *json_dir,
                       guint        n_papers,
                       guint32      seed,
                       GError     **error)
{
  g_autoptr(BenchVocabulary) vocab = bench_vocabulary_load (source_dir, error);
  g_autoptr(BenchCorpus) corpus = g_new0 (BenchCorpus, 1);
  g_autoptr(GRand) master = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (DayPlan));
  Generator gen = { vocab, seed, NULL, slots, days };
  gboolean ok;

  if (vocab == NULL)
    return NULL;

  g_mkdir_with_parents (json_dir, 0700);
  corpus->paths = g_ptr_array_new_with_free_func (g_free);
  gen.users = users = make_users (vocab, master);
  plan_days (&gen, master, n_papers);
  plan_slots (&gen, master);

  ok = write_days (&gen, json_dir, corpus, error) &&
       write_trending (&gen, json_dir, corpus, error);
  if (!ok)
    return NULL;

  corpus->n_papers = n_papers;
  corpus->n_lists = days->len;
  corpus->first_day = format_day (g_array_index (days, DayPlan, 0).date_julian, "");
  corpus->last_day = format_day (g_array_index (days, DayPlan, days->len - 1).date_julian, "");

  return g_steal_pointer (&corpus);
}

