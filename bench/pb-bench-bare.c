/* pb-bench-bare.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The floor Paperboy's start-up is measured against: a bare
 * AdwApplicationWindow holding a GtkListView of 1,000 strings. Prints
 * "first-frame-ms N" after its first frame, measured as Paperboy measures
 * its own (pb-timing.c), and quits.
 *
 * Built with PB_BENCH_BARE_WITH_LIBRARIES (pb-bench-bare-libs), it also
 * loads the libraries Paperboy links besides GTK (SQLite, JSON-GLib,
 * libsecret, GMime, libcurl and theirs) without calling them: what loading
 * them costs a start-up.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#ifdef PB_BENCH_BARE_WITH_LIBRARIES
#include <curl/curl.h>
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <sqlite3.h>
#endif

#include "pb-timing.h"

#ifdef PB_BENCH_BARE_WITH_LIBRARIES
/* One function of each, so that the linker keeps them. */
static void (* volatile keep_libraries[]) (void) = {
  (void (*) (void))curl_version,
  (void (*) (void))g_mime_init,
  (void (*) (void))json_parser_new,
  (void (*) (void))secret_password_lookup_sync,
  (void (*) (void))sqlite3_libversion,
};
#endif

static void
on_painted_cb (GdkFrameClock *clock,
               GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_painted_cb, window);
  printf ("first-frame-ms %.1f\nfirst-frame-cpu-ms %.1f\n", pb_timing_process_age_us () / 1000.0,
          pb_timing_cpu_ms ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_map_cb (GtkWidget *window)
{
  /* As paperboy measures it: at the end of the paint phase, once the
   * window's surface has drawn the frame. */
  g_signal_connect (gtk_widget_get_frame_clock (window), "paint",
                    G_CALLBACK (on_painted_cb), window);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static void
on_activate_cb (GtkApplication *app)
{
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Paper number %u, with a title of some length", i);

      gtk_string_list_append (strings, text);
    }

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))),
                            factory);

  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scroller);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);

  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  pb_timing_mark_main ();
#ifdef PB_BENCH_BARE_WITH_LIBRARIES
  g_assert (keep_libraries[0] != NULL);
#endif
  app = adw_application_new ("io.github.paperboy.BenchBare", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
