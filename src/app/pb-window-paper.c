/* pb-window-paper.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-text.h"
#include "pb-window-private.h"

/*
 * The open paper and the user's state of papers.
 *
 * Opening a paper shows at once what its row knew, then reads its one row
 * (with the abstract) on the worker, marking it read in the same job.
 * Stars and read marks are toggled on the worker too (read, flip, write, in
 * one job, so that two quick presses cannot lose one), and the answer is
 * copied into every paper object in memory with that id: rows in every
 * view, the search results and the page.
 */

typedef struct
{
  char     *id;
  gboolean  mark_read;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_free (request->id);
  g_free (request);
}

static gpointer
read_paper_thread (PbStore       *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  OpenRequest *request = data;
  g_autoptr(PbPaper) paper = pb_store_get_paper (store, request->id, error);

  if (paper == NULL)
    return NULL;

  if (request->mark_read && !pb_paper_get_read (paper))
    {
      if (!pb_store_set_read (store, request->id, TRUE, error))
        return NULL;
      pb_paper_set_read (paper, TRUE);
    }

  return g_steal_pointer (&paper);
}

static void
mirror_state (PbWindow *self,
              PbPaper  *paper)
{
  const char *id = pb_paper_get_id (paper);
  gboolean starred = pb_paper_get_starred (paper);
  gboolean read = pb_paper_get_read (paper);

  for (guint i = 0; i < PB_N_VIEWS; i++)
    pb_paper_list_model_update_user_state (self->models[i], id, starred, read);
  if (self->search_model != NULL)
    pb_search_model_update_user_state (self->search_model, id, starred, read);
  if (self->open_paper != NULL && g_strcmp0 (pb_paper_get_id (self->open_paper), id) == 0)
    {
      pb_paper_set_starred (self->open_paper, starred);
      pb_paper_set_read (self->open_paper, read);
    }
}

/**
 * _pb_window_update_paper_actions:
 *
 * The header of the paper pane follows the open paper.
 */
void
_pb_window_update_paper_actions (PbWindow *self)
{
  gboolean open = self->open_paper != NULL;
  gboolean starred = open && pb_paper_get_starred (self->open_paper);
  const char *label = starred ? _("Remove Star") : _("Star");
  g_autofree char *tooltip = g_strdup_printf ("%s (S)", label);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-bibtex", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-link", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-unread",
                                 open && pb_paper_get_read (self->open_paper));
  gtk_widget_set_visible (self->star_button, open);

  if (open)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->star_button), "s", self->open_id);
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (self->star_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (starred)
    gtk_widget_add_css_class (self->star_button, "starred");
  else
    gtk_widget_remove_css_class (self->star_button, "starred");
}

static void
on_open_paper_state_cb (PbWindow *self)
{
  _pb_window_update_paper_actions (self);
}

static void
set_open_paper (PbWindow *self,
                PbPaper  *paper)
{
  if (self->open_paper != NULL)
    g_signal_handlers_disconnect_by_func (self->open_paper, on_open_paper_state_cb, self);
  g_set_object (&self->open_paper, paper);
  if (paper != NULL)
    {
      g_signal_connect_object (paper, "notify::starred", G_CALLBACK (on_open_paper_state_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (paper, "notify::read", G_CALLBACK (on_open_paper_state_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (paper != NULL || self->paper_page != NULL)
    pb_paper_page_set_paper (_pb_window_get_paper_page (self), paper);
  _pb_window_update_paper_actions (self);

  if (paper != NULL && pb_paper_get_abstract (paper) != NULL)
    _pb_window_test_log (self, "paper %s read=%d starred=%d abstract=1", pb_paper_get_id (paper),
                         pb_paper_get_read (paper), pb_paper_get_starred (paper));
}

static void
select_in_lists (PbWindow   *self,
                 const char *id)
{
  for (guint i = 0; i < PB_N_VIEWS; i++)
    if (_pb_window_peek_list (self, i) != NULL)
      pb_paper_list_set_selected_id (_pb_window_peek_list (self, i), id);
  if (self->search_list != NULL)
    pb_paper_list_set_selected_id (self->search_list, id);
}

typedef struct
{
  PbWindow *self;  /* (owned) */
  char     *id;
  gboolean  fetch;  /* not stored: fetch it from Hugging Face, then open it */
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->id);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void read_paper_full (PbWindow   *self,
                             const char *id,
                             gboolean    mark_read,
                             gboolean    fetch);

static void
on_paper_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  PbWindow *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pb_sync_bridge_fetch_paper_finish (PB_SYNC_BRIDGE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _pb_window_test_log (self, "fetch-failed %s %s", pending->id, error->message);
      if (g_strcmp0 (self->asked_id, pending->id) == 0)
        g_clear_pointer (&self->asked_id, g_free);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
        title = g_strdup (_("This paper is not available offline"));
      else
        /* Translators: %s says why, e.g. "paper 2608.00001: Hugging Face does
         * not know this address (HTTP 404)" */
        title = g_strdup_printf (_("Cannot get the paper: %s"), error->message);
      _pb_window_toast (self, title);
      return;
    }

  _pb_window_test_log (self, "fetched %s", pending->id);
  /* Another paper was opened meanwhile: leave it. */
  if (g_strcmp0 (self->asked_id, pending->id) == 0)
    read_paper_full (self, pending->id, TRUE, FALSE);
}

static void
on_paper_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  PbWindow *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPaper) paper = NULL;
  g_autofree char *title = NULL;

  paper = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (paper == NULL)
    {
      if (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND) && pending->fetch)
        {
          Pending *fetching = g_steal_pointer (&pending);

          _pb_window_test_log (self, "fetch %s", fetching->id);
          pb_sync_bridge_fetch_paper_async (self->sync_bridge, fetching->id, self->cancellable,
                                            on_paper_fetched_cb, fetching);
          return;
        }
      if (g_strcmp0 (self->asked_id, pending->id) == 0)
        g_clear_pointer (&self->asked_id, g_free);
      if (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND))
        /* Translators: %s is an arXiv id */
        title = g_strdup_printf (_("Paperboy has no paper %s yet"), pending->id);
      else
        title = g_strdup_printf (_("Cannot open the paper: %s"), error->message);
      _pb_window_toast (self, title);
      return;
    }

  /* Another paper was asked for, or opened, meanwhile. */
  if (self->asked_id != NULL && g_strcmp0 (self->asked_id, pb_paper_get_id (paper)) != 0)
    return;
  if (g_strcmp0 (self->open_id, pb_paper_get_id (paper)) != 0 && self->open_id != NULL)
    return;

  if (self->open_id == NULL)
    {
      /* Opened by id (app.open-paper): nothing shown yet. The row in a
       * list, if it is in one, learns that it has been read. */
      _pb_window_open_paper (self, paper);
      mirror_state (self, paper);
      return;
    }

  set_open_paper (self, paper);
  mirror_state (self, paper);
}

static void
read_paper_full (PbWindow   *self,
                 const char *id,
                 gboolean    mark_read,
                 gboolean    fetch)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);
  Pending *pending = g_new0 (Pending, 1);

  request->id = g_strdup (id);
  request->mark_read = mark_read;
  pending->self = g_object_ref (self);
  pending->id = g_strdup (id);
  pending->fetch = fetch;
  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_USER, read_paper_thread,
                             request, (GDestroyNotify)open_request_free, g_object_unref,
                             self->cancellable, on_paper_read_cb, pending);
}

static void
read_paper (PbWindow   *self,
            const char *id,
            gboolean    mark_read)
{
  read_paper_full (self, id, mark_read, FALSE);
}

/**
 * _pb_window_open_paper:
 * @paper: a paper from a list (or read in full)
 *
 * Shows @paper in the paper pane (going there on a folded window), selects
 * its row and marks it read.
 */
void
_pb_window_open_paper (PbWindow *self,
                       PbPaper  *paper)
{
  const char *id = pb_paper_get_id (paper);
  gboolean full = pb_paper_get_abstract (paper) != NULL;

  g_free (self->open_id);
  self->open_id = g_strdup (id);
  /* Whatever was asked for by id, this is the paper now. */
  g_clear_pointer (&self->asked_id, g_free);

  set_open_paper (self, paper);
  select_in_lists (self, id);
  gtk_stack_set_visible_child_name (self->paper_stack, "paper");
  adw_leaflet_set_visible_child (self->leaflet, self->paper_pane);
  _pb_window_test_log (self, "open %s", id);

  if (!full || !pb_paper_get_read (paper))
    read_paper (self, id, TRUE);
}

/**
 * _pb_window_open_paper_id:
 * @text: an arXiv id, with or without version, or the address of a paper
 *   on Hugging Face or arXiv
 *
 * Opens a paper known only by its id (from a notification, the command
 * line, a test). A paper Paperboy does not have is fetched from Hugging
 * Face first; without a network, a toast says it is not available.
 */
void
_pb_window_open_paper_id (PbWindow   *self,
                          const char *text)
{
  g_autofree char *id = pb_text_normalize_arxiv_id (text);
  g_autofree char *title = NULL;

  if (id == NULL)
    {
      _pb_window_test_log (self, "not-a-paper %s", text);
      /* Translators: %s is what was given on the command line */
      title = g_strdup_printf (_("“%s” is not an arXiv paper id or address"), text);
      _pb_window_toast (self, title);
      return;
    }

  /* Forget what is open: the answer then opens the paper, and only that
   * answer (a read of the paper open before may still be on its way). */
  g_clear_pointer (&self->open_id, g_free);
  g_free (self->asked_id);
  self->asked_id = g_strdup (id);
  read_paper_full (self, id, TRUE, TRUE);
}

/**
 * _pb_window_reload_open_paper:
 *
 * Reads the open paper again (the database changed); the page keeps its
 * scroll position.
 */
void
_pb_window_reload_open_paper (PbWindow *self)
{
  if (self->open_id != NULL)
    read_paper (self, self->open_id, FALSE);
}

/* Stars and read marks */

typedef enum
{
  TOGGLE_STARRED,
  TOGGLE_READ,
  MARK_UNREAD,
} ToggleKind;

typedef struct
{
  char       *id;
  ToggleKind  kind;
} ToggleRequest;

static void
toggle_request_free (ToggleRequest *request)
{
  g_free (request->id);
  g_free (request);
}

static gpointer
toggle_thread (PbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ToggleRequest *request = data;
  g_autoptr(PbPaper) paper = pb_store_get_paper (store, request->id, error);
  gboolean value;

  if (paper == NULL)
    return NULL;

  switch (request->kind)
    {
    case TOGGLE_STARRED:
      value = !pb_paper_get_starred (paper);
      if (!pb_store_set_starred (store, request->id, value, error))
        return NULL;
      pb_paper_set_starred (paper, value);
      break;
    case TOGGLE_READ:
    case MARK_UNREAD:
    default:
      value = request->kind == MARK_UNREAD ? FALSE : !pb_paper_get_read (paper);
      if (!pb_store_set_read (store, request->id, value, error))
        return NULL;
      pb_paper_set_read (paper, value);
      break;
    }

  return g_steal_pointer (&paper);
}

static void
on_toggled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPaper) paper = NULL;
  g_autofree char *title = NULL;

  paper = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (paper == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why, e.g. "the database is busy" */
      title = g_strdup_printf (_("Cannot change the paper: %s"), error->message);
      _pb_window_toast (self, title);
      return;
    }

  mirror_state (self, paper);

  /* The starred list is read again when next shown; while it is shown,
   * an unstarred paper keeps its row so that nothing jumps. */
  if (self->view_loaded[PB_VIEW_STARRED])
    pb_paper_list_model_invalidate (self->models[PB_VIEW_STARRED]);

  _pb_window_test_log (self, "state %s starred=%d read=%d", pb_paper_get_id (paper),
                       pb_paper_get_starred (paper), pb_paper_get_read (paper));
}

static void
toggle (PbWindow   *self,
        const char *id,
        ToggleKind  kind)
{
  ToggleRequest *request = g_new0 (ToggleRequest, 1);

  request->id = g_strdup (id);
  request->kind = kind;
  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_USER, toggle_thread,
                             request, (GDestroyNotify)toggle_request_free, g_object_unref,
                             self->cancellable, on_toggled_cb, g_object_ref (self));
}

void
_pb_window_toggle_starred (PbWindow   *self,
                           const char *id)
{
  toggle (self, id, TOGGLE_STARRED);
}

/**
 * _pb_window_toggle_read:
 * @only_unread: only mark unread (never read)
 */
void
_pb_window_toggle_read (PbWindow   *self,
                        const char *id,
                        gboolean    only_unread)
{
  toggle (self, id, only_unread ? MARK_UNREAD : TOGGLE_READ);
}
