/* pb-window-search.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-window-private.h"

/*
 * Search as you type. The search bar opens with Ctrl+F or by typing into
 * the window; the entry's own delay (150 ms) is the debounce, then
 * PbSearchModel searches on a worker of its own and shows results best
 * first with a count. Escape, or emptying the entry, goes back to the view
 * where it was, with the focus in its list.
 */

static void
update_search_count (PbWindow *self)
{
  gint64 n = pb_search_model_get_n_matches (self->search_model);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->search_model));
  g_autofree char *text = NULL;

  if (pb_search_model_get_shown_text (self->search_model) == NULL || shown == 0)
    text = g_strdup ("");
  else if (n < 0 || (guint64)n <= shown)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u paper matches", "%u papers match",
                                         shown), shown);
  else
    {
      g_autofree char *total = g_strdup_printf ("%'" G_GINT64_FORMAT, n);

      /* Translators: "The best 200 of 3,012 matches"; the second %s is a number */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The best %1$u of %2$s match",
                                           "The best %1$u of %2$s matches", n), shown, total);
    }

  gtk_label_set_text (self->search_count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->search_count_label), *text != '\0');
}

static void
on_search_results_cb (PbWindow *self)
{
  update_search_count (self);
  _pb_window_test_log (self, "search \"%s\" results=%u latency-ms=%.1f",
                       pb_search_model_get_shown_text (self->search_model) ?: "",
                       g_list_model_get_n_items (G_LIST_MODEL (self->search_model)),
                       pb_search_model_get_last_latency (self->search_model) / 1000.0);
}

static void
on_search_error_cb (PbWindow *self)
{
  const char *message = pb_search_model_get_error_message (self->search_model);
  g_autofree char *title = NULL;

  if (message == NULL)
    return;

  title = g_strdup_printf (_("Cannot search: %s"), message);
  _pb_window_toast (self, title);
}

void
_pb_window_ensure_search_model (PbWindow *self)
{
  if (self->search_model != NULL)
    return;

  /* Searches get a thread and connection of their own, so that a slow
   * one never holds up the rows of a list. */
  self->search_worker = pb_store_worker_new (pb_store_worker_get_path (self->worker), FALSE);
  self->search_model = pb_search_model_new (self->search_worker);
  g_signal_connect_object (self->search_model, "notify::shown-text",
                           G_CALLBACK (on_search_results_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_model, "notify::n-matches",
                           G_CALLBACK (update_search_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_model, "items-changed",
                           G_CALLBACK (update_search_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_model, "notify::error-message",
                           G_CALLBACK (on_search_error_cb), self, G_CONNECT_SWAPPED);
}

static void
set_searching (PbWindow *self,
               gboolean  searching)
{
  if (self->searching == searching)
    return;

  self->searching = searching;
  if (searching)
    _pb_window_get_search_list (self);
  gtk_stack_set_visible_child_name (self->content_stack, searching ? "search" : "views");
  _pb_window_update_header (self);
}

static void
on_search_changed_cb (PbWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      if (self->search_model != NULL)
        pb_search_model_set_text (self->search_model, NULL);
      set_searching (self, FALSE);
      return;
    }

  _pb_window_ensure_search_model (self);
  self->search_changed_at = g_get_monotonic_time ();
  pb_search_model_set_text (self->search_model, stripped);
  set_searching (self, TRUE);
}

static void
on_search_mode_cb (PbWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;

  /* Leaving search: back to the view, where the focus was. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  set_searching (self, FALSE);
  pb_paper_list_focus_list (_pb_window_get_list (self, self->view));
  _pb_window_test_log (self, "search off");
}

static void
on_stop_search_cb (PbWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_activate_cb (PbWindow *self)
{
  /* Enter in the entry: on to the results, for the arrow keys. */
  if (self->searching)
    pb_paper_list_focus_list (_pb_window_get_search_list (self));
}

void
_pb_window_class_add_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
}
