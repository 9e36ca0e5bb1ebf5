/* pb-window.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-paper.h"
#include "pb-snapshot.h"
#include "pb-store.h"
#include "pb-window.h"

#define PAGE_SIZE 500

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkListView          *list_view;
  AdwStatusPage        *error_page;

  /* Owned */
  GCancellable         *cancellable;
  GListStore           *papers;
};

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

/* Runs on a worker thread with its own connection: opening the database
 * may migrate it or import the bundled papers. */
static void
load_papers_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autofree char *path = pb_store_dup_default_path ();
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GPtrArray) papers = NULL;
  GError *error = NULL;
  PbListQuery query = { PB_SCOPE_ALL, NULL, PB_SORT_UPVOTES, PB_FILTER_NONE };

  if ((store = pb_store_open (path, &error)) == NULL ||
      !pb_snapshot_ensure (store, NULL, &error) ||
      (papers = pb_store_list (store, &query, 0, PAGE_SIZE, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&papers), (GDestroyNotify)g_ptr_array_unref);
}

static void
on_papers_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GPtrArray) papers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  papers = g_task_propagate_pointer (G_TASK (result), &error);
  if (papers == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      return;
    }

  g_list_store_splice (self->papers, 0, 0, papers->pdata, papers->len);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u paper", "%u papers", papers->len),
                              papers->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, "papers");
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->papers);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_window_dispose;

  g_type_ensure (PB_TYPE_PAPER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paperboy/Paperboy/ui/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
}

static void
pb_window_init (PbWindow *self)
{
  g_autoptr(GTask) task = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->papers = g_list_store_new (PB_TYPE_PAPER);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->papers)))));

  task = g_task_new (NULL, self->cancellable, on_papers_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, pb_window_init);
  g_task_run_in_thread (task, load_papers_thread);
}

PbWindow *
pb_window_new (PbApplication *application)
{
  return g_object_new (PB_TYPE_WINDOW, "application", application, NULL);
}
