/* pb-window-actions.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-bibtex.h"
#include "pb-sync.h"
#include "pb-window-private.h"

/*
 * The window's actions and keyboard shortcuts. The list's own keys (S, M,
 * Enter, Space on a row) are in pb-paper-list.c; S and M anywhere in the
 * paper pane act on the open paper (_pb_window_add_paper_keys()); the
 * application's (Ctrl+Q, Ctrl+,) are in pb-application.c. The shortcuts
 * window (Ctrl+?) is ui/help-overlay.ui.
 */

/* What a failed refresh says; %NULL for nothing. */
static char *
describe_refresh_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  /* The background service is syncing: its papers arrive by themselves. */
  if (g_error_matches (error, PB_SYNC_ERROR, PB_SYNC_ERROR_BUSY))
    return g_strdup (_("Already refreshing in the background"));
  if (g_error_matches (error, PB_SYNC_BRIDGE_ERROR, PB_SYNC_BRIDGE_ERROR_PARTIAL))
    /* Translators: %s says what failed, in words, e.g. "daily list of
     * 2026-08-18: Hugging Face had a problem (HTTP 500)" */
    return g_strdup_printf (_("Some papers were not refreshed: %s"), error->message);
  /* Translators: %s says why, in words, e.g. "Hugging Face is rate
   * limiting requests until 14:05" */
  return g_strdup_printf (_("Cannot refresh: %s"), error->message);
}

static void
on_refreshed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pb_sync_bridge_refresh_finish (PB_SYNC_BRIDGE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if ((title = describe_refresh_error (error)) != NULL)
        _pb_window_toast (self, title);
    }

  /* Whatever the sync managed to store is worth showing. */
  _pb_window_refresh_lists (self);
}

/**
 * _pb_window_refresh:
 *
 * Brings the papers up to date (the refresh button, Ctrl+R, `app.refresh`);
 * a failure becomes a toast.
 */
void
_pb_window_refresh (PbWindow *self)
{
  _pb_window_test_log (self, "refresh");
  pb_sync_bridge_refresh_async (self->sync_bridge, self->cancellable, on_refreshed_cb,
                                g_object_ref (self));
}

static void
on_refreshed_at_start_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pb_sync_bridge_refresh_if_stale_finish (PB_SYNC_BRIDGE (object), result, &error))
    _pb_window_refresh_lists (self);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Nobody asked for it: the header's "Updated…" says how fresh the
       * papers are, the next refresh will say what is wrong. */
      g_debug ("The refresh at start failed: %s", error->message);
      _pb_window_test_log (self, "start-refresh-failed %s", error->message);
      _pb_window_refresh_lists (self);
    }
}

/**
 * _pb_window_refresh_if_stale:
 *
 * At start: refreshes when the papers are older than the refresh interval
 * and the network is available, quietly.
 */
void
_pb_window_refresh_if_stale (PbWindow *self)
{
  pb_sync_bridge_refresh_if_stale_async (self->sync_bridge, self->cancellable,
                                         on_refreshed_at_start_cb, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _pb_window_refresh (PB_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbPaperList *list = self->searching ? _pb_window_get_search_list (self)
                                       : _pb_window_get_list (self, self->view);

  /* The leaflet's own Alt+Left comes first while the focus is inside it;
   * this is the back button's action, and the Escape key's. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  pb_paper_list_focus_list (list);
}

/* Escape: out of the search, else back to the list on a folded window. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  PbWindow *self = PB_WINDOW (widget);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      return TRUE;
    }

  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->paper_pane)
    {
      back_action (widget, "win.back", NULL);
      return TRUE;
    }

  return FALSE;
}

static void
toggle_starred_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _pb_window_toggle_starred (PB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_read_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _pb_window_toggle_read (PB_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
mark_unread_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->open_id != NULL)
    _pb_window_toggle_read (self, self->open_id, TRUE);
}

static void
copy_text (PbWindow   *self,
           const char *text,
           const char *toast)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  gdk_clipboard_set_text (clipboard, text);
  _pb_window_toast (self, toast);
}

static void
copy_bibtex_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autofree char *entry = NULL;

  if (self->open_paper == NULL)
    return;

  entry = pb_bibtex_dup_entry (self->open_paper);
  copy_text (self, entry, _("BibTeX copied"));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autofree char *link = NULL;

  if (self->open_paper == NULL)
    return;

  link = pb_paper_dup_arxiv_url (self->open_paper);
  if (link == NULL)
    link = g_strdup (pb_paper_get_project_page (self->open_paper));
  if (link == NULL)
    {
      _pb_window_toast (self, _("This paper has no link"));
      return;
    }

  copy_text (self, link, _("Link copied"));
}

/* Only https addresses are ever opened: links come from the feed. */
static gboolean
is_https (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return parsed != NULL &&
         g_strcmp0 (g_uri_get_scheme (parsed), "https") == 0 &&
         g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0';
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  const char *uri = g_variant_get_string (parameter, NULL);

  if (!is_https (uri))
    {
      g_debug ("Not opening %s: only https links are opened", uri);
      _pb_window_test_log (self, "refused-link %s", uri);
      return;
    }

  _pb_window_test_log (self, "open-link %s", uri);
  /* The UI tests check which link would open, without a browser. */
  if (!self->test_hooks)
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* Built when first asked for: GtkApplication would build it with every
 * window, at start-up, from gtk/help-overlay.ui. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *overlay;

  builder = gtk_builder_new_from_resource ("/io/github/paperboy/Paperboy/ui/help-overlay.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
go_to_date_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbPaperListModel *model = self->models[self->view];
  gboolean next = g_str_equal (action_name, "win.next-date");

  _pb_window_go_to_date (self, next ? pb_paper_list_model_get_next_date (model)
                                    : pb_paper_list_model_get_previous_date (model));
}

static gboolean
toggle_open_paper_cb (GtkWidget *pane,
                      GVariant  *args,
                      gpointer   user_data)
{
  PbWindow *self = PB_WINDOW (gtk_widget_get_root (pane));

  if (self->open_id == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), g_variant_get_string (args, NULL), "s",
                                     self->open_id);
}

static void
add_paper_key (GtkShortcutController *controller,
               guint                  keyval,
               const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keyval, 0),
                                     gtk_callback_action_new (toggle_open_paper_cb, NULL, NULL),
                                     "s", action));
}

/**
 * _pb_window_add_paper_keys:
 *
 * S and M star and mark the open paper while the focus is anywhere in the
 * paper pane (its header buttons included), rather than start a search.
 */
void
_pb_window_add_paper_keys (PbWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  add_paper_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_s, "win.toggle-starred");
  add_paper_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_m, "win.toggle-read");
  gtk_widget_add_controller (self->paper_pane, controller);
}

static void
add_view_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  const char     *view)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_ALT_MASK, "win.view", "s", view);
}

void
_pb_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-starred", "s", toggle_starred_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-read", "s", toggle_read_action);
  gtk_widget_class_install_action (widget_class, "win.mark-unread", NULL, mark_unread_action);
  gtk_widget_class_install_action (widget_class, "win.copy-bibtex", NULL, copy_bibtex_action);
  gtk_widget_class_install_action (widget_class, "win.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "win.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.previous-date", NULL, go_to_date_action);
  gtk_widget_class_install_action (widget_class, "win.next-date", NULL, go_to_date_action);
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");
  gtk_widget_class_install_property_action (widget_class, "win.sort-order", "sort-order");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "win.previous-date", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "win.next-date", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  add_view_binding (widget_class, GDK_KEY_1, "daily");
  add_view_binding (widget_class, GDK_KEY_2, "weekly");
  add_view_binding (widget_class, GDK_KEY_3, "monthly");
  add_view_binding (widget_class, GDK_KEY_4, "trending");
  add_view_binding (widget_class, GDK_KEY_5, "starred");
}
