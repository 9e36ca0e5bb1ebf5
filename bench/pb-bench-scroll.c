/* pb-bench-scroll.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * pb-bench-scroll DATABASE: scrolls the window's list of papers through
 * every paper of a database (scope "all", sorted by upvotes), as
 * PbPaperList and PbPaperListModel show it, and prints how long frames
 * took and how soon rows arrive after a jump.
 *
 *  - a steady scroll, 60 px a frame (a quick flick, 3,600 px/s at 60 Hz),
 *    for 600 frames;
 *  - 40 jumps to random places of the list (dragging the scroll bar), each
 *    followed by frames until every row the view holds is read: how long
 *    rows stay placeholders.
 *
 * Run it in a headless session; bench/pb-bench-startup does.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "pb-paper-list.h"
#include "pb-paper-list-model.h"
#include "pb-paper-row.h"
#include "pb-store-worker.h"

#define STEADY_FRAMES 600
#define STEADY_STEP   60.0
#define N_JUMPS       40

typedef struct
{
  GtkApplication   *app;
  PbPaperListModel *model;
  PbPaperList      *list;
  GtkAdjustment    *adjustment;
  GArray           *frame_ms;     /* (element-type double) */
  GArray           *arrival_ms;   /* (element-type double) */
  gint64            last_frame;
  gint64            jumped_at;
  guint             frame;
  guint             jump;
  GRand            *rand;
} Bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
print_stats (const char *what,
             GArray     *values)
{
  double *v = (double *)values->data;

  g_array_sort (values, compare_doubles);
  printf ("%-34s n=%-4u median %6.1f ms  p95 %6.1f ms  max %6.1f ms\n", what, values->len,
          v[values->len / 2], v[(guint)(values->len * 0.95)], v[values->len - 1]);
}

/* Heap and the like apart from mapped files: SQLite maps the database
 * (the store sets mmap_size), which counts in RSS but is the file's pages. */
static void
print_memory (void)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "RssAnon:") || g_str_has_prefix (lines[i], "RssFile:"))
      printf ("%s\n", lines[i]);
}

/* Rows of the view still waiting for their page. */
static guint
count_placeholders (Bench *bench)
{
  GtkWidget *view = pb_paper_list_get_view (bench->list);
  guint n = 0;

  for (GtkWidget *cell = gtk_widget_get_first_child (view); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *row = gtk_widget_get_first_child (cell);

      if (row != NULL && PB_IS_PAPER_ROW (row) && gtk_widget_get_child_visible (cell) &&
          pb_paper_is_placeholder (pb_paper_row_get_item (PB_PAPER_ROW (row))))
        n++;
    }

  return n;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  double upper = gtk_adjustment_get_upper (bench->adjustment) -
                 gtk_adjustment_get_page_size (bench->adjustment);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (bench->model));

  if (bench->last_frame != 0)
    {
      double ms = (now - bench->last_frame) / 1000.0;

      g_array_append_val (bench->frame_ms, ms);
    }
  bench->last_frame = now;

  if (bench->frame < STEADY_FRAMES)
    {
      bench->frame++;
      gtk_adjustment_set_value (bench->adjustment,
                                MIN (upper, gtk_adjustment_get_value (bench->adjustment) +
                                            STEADY_STEP));
      return G_SOURCE_CONTINUE;
    }

  /* A jump is over when no row shows a placeholder. */
  if (bench->jumped_at != 0)
    {
      if (count_placeholders (bench) > 0)
        return G_SOURCE_CONTINUE;

      {
        double ms = (now - bench->jumped_at) / 1000.0;

        g_array_append_val (bench->arrival_ms, ms);
      }
      bench->jumped_at = 0;
    }

  if (bench->jump == N_JUMPS)
    {
      printf ("%u papers in the list; %u pages of rows in memory at the end\n", n,
              pb_paper_list_model_get_n_cached (bench->model));
      print_stats ("frames, steady scroll and jumps", bench->frame_ms);
      print_stats ("rows shown after a jump", bench->arrival_ms);
      print_memory ();
      fflush (stdout);
      g_application_quit (G_APPLICATION (bench->app));
      return G_SOURCE_REMOVE;
    }

  bench->jump++;
  bench->jumped_at = now;
  gtk_adjustment_set_value (bench->adjustment, g_rand_double (bench->rand) * upper);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  fprintf (stderr, "pb-bench-scroll: no end after a minute\n");
  exit (1);
}

static void
on_loaded_cb (Bench *bench)
{
  if (!pb_paper_list_model_get_loaded (bench->model))
    return;

  g_signal_handlers_disconnect_by_data (bench->model, bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench->list), tick_cb, bench, NULL);
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child))
        return GTK_SCROLLED_WINDOW (child);
      if ((found = find_scroller (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
on_activate_cb (GtkApplication *app,
                Bench          *bench)
{
  g_autoptr(PbStoreWorker) worker = pb_store_worker_new (g_object_get_data (G_OBJECT (app), "db"),
                                                        FALSE);
  PbListQuery query = { PB_SCOPE_ALL, NULL, PB_SORT_UPVOTES, PB_FILTER_NONE };
  GtkWidget *window = adw_application_window_new (app);

  bench->model = pb_paper_list_model_new (worker);
  bench->list = PB_PAPER_LIST (pb_paper_list_new ());
  pb_paper_list_set_model (bench->list, G_LIST_MODEL (bench->model));
  pb_paper_list_model_set_query (bench->model, &query);
  g_signal_connect_swapped (bench->model, "notify::loaded", G_CALLBACK (on_loaded_cb), bench);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (bench->list));
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  gtk_window_present (GTK_WINDOW (window));
  bench->adjustment = gtk_scrolled_window_get_vadjustment (find_scroller (GTK_WIDGET (bench->list)));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;
  Bench bench = { 0 };
  int status;

  if (argc != 2)
    {
      fprintf (stderr, "usage: pb-bench-scroll DATABASE\n");
      return 2;
    }

  app = adw_application_new ("io.github.paperboy.BenchScroll", G_APPLICATION_NON_UNIQUE);
  /* The window's styles and icons. */
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/paperboy/Paperboy");
  g_object_set_data_full (G_OBJECT (app), "db", g_strdup (argv[1]), g_free);

  bench.app = GTK_APPLICATION (app);
  bench.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.arrival_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.rand = g_rand_new_with_seed (7);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), &bench);
  g_timeout_add_seconds (60, on_timeout_cb, NULL);

  status = g_application_run (G_APPLICATION (app), 1, argv);

  g_clear_object (&bench.model);
  g_array_unref (bench.frame_ms);
  g_array_unref (bench.arrival_ms);
  g_rand_free (bench.rand);
  return status;
}
