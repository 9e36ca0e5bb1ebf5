/* pb-window-bench.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <stdio.h>

#include "pb-timing.h"
#include "pb-window-private.h"

/*
 * Measurements of the window, for bench/ and the UI tests.
 *
 * PAPERBOY_BENCH_FIRST_FRAME=1: print "first-frame-ms N", the time from
 * the start of the process to the first frame painted with the rows of the
 * list in it, and quit.
 *
 * PAPERBOY_BENCH_SEARCH="text|text|…" as well: then type each text into
 * the search entry, one after the other, and print for each
 * "search-ms TEXT results=N model=A painted=B main-cpu=C": milliseconds
 * from the search entry's debounce firing to the results being in the model
 * (A) and to the frame that shows them (B), and the processor time the main
 * thread spent from the typing to that frame (C).
 */

#define QUERY_PAUSE_MS 300

static void next_query (PbWindow *self);

static void
quit (PbWindow *self)
{
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
on_search_painted_cb (GdkFrameClock *clock,
                      PbWindow      *self)
{
  gint64 painted = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, on_search_painted_cb, self);
  printf ("search-ms %s results=%u model=%.1f painted=%.1f main-cpu=%.1f\n",
          pb_search_model_get_shown_text (self->search_model),
          g_list_model_get_n_items (G_LIST_MODEL (self->search_model)),
          (self->bench_model_at - self->search_changed_at) / 1000.0,
          (painted - self->search_changed_at) / 1000.0,
          pb_timing_thread_cpu_ms () - self->bench_cpu_at);
  fflush (stdout);

  g_timeout_add_once (QUERY_PAUSE_MS, (GSourceOnceFunc)next_query, self);
}

static void
on_search_results_cb (PbWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (pb_search_model_get_shown_text (self->search_model) == NULL)
    return;

  self->bench_model_at = g_get_monotonic_time ();
  /* At the end of the frame clock's paint phase: the window's surface,
   * which connected first, has drawn the frame (an after-paint handler
   * might run after our own after-paint work, such as building the rows
   * below the fold). */
  g_signal_connect (clock, "paint", G_CALLBACK (on_search_painted_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
next_query (PbWindow *self)
{
  const char *text = self->bench_queries[self->bench_query];

  if (text == NULL)
    {
      quit (self);
      return;
    }

  self->bench_query++;
  self->bench_cpu_at = pb_timing_thread_cpu_ms ();
  /* As if typed: the entry's debounce starts the search. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

static void
start_searches (PbWindow *self)
{
  const char *queries = g_getenv ("PAPERBOY_BENCH_SEARCH");

  if (queries == NULL || *queries == '\0')
    {
      quit (self);
      return;
    }

  self->bench_queries = g_strsplit (queries, "|", -1);
  _pb_window_ensure_search_model (self);
  g_signal_connect_object (self->search_model, "notify::shown-text",
                           G_CALLBACK (on_search_results_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  next_query (self);
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   PbWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  printf ("first-frame-ms %.1f\nfirst-frame-cpu-ms %.1f\n", pb_timing_process_age_us () / 1000.0,
          pb_timing_cpu_ms ());
  fflush (stdout);

  start_searches (self);
}

static void
check_first_frame (PbWindow *self)
{
  GdkFrameClock *clock;

  if (!pb_paper_list_model_get_loaded (self->models[self->view]) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      self->bench_waiting)
    return;

  /* The rows are laid out and painted in the next frame. */
  self->bench_waiting = TRUE;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  g_signal_connect (clock, "paint", G_CALLBACK (on_first_frame_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_pb_window_bench_start (PbWindow *self)
{
  g_signal_connect_object (self->models[self->view], "notify::loaded",
                           G_CALLBACK (check_first_frame), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (check_first_frame), NULL);
}

/**
 * pb_window_save_screenshot:
 * @path: a PNG file to write
 *
 * Renders the window as GTK draws it (for the UI tests and the screenshots
 * of the README).
 */
gboolean
pb_window_save_screenshot (PbWindow    *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window is not shown");
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing was drawn");
      return FALSE;
    }

  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s", path);
      return FALSE;
    }

  return TRUE;
}
