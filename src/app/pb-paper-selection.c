/* pb-paper-selection.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-paper-selection"

#include "config.h"

#include "pb-paper.h"
#include "pb-paper-list-model.h"
#include "pb-paper-selection.h"

/**
 * PbPaperSelection:
 *
 * Marks the row of the open paper as selected, by the paper's id rather
 * than by position or object.
 *
 * The rows of a paged list are replaced when the database changes (a sync
 * from the background service, a refresh) and a paper may move; matching
 * by id keeps the open paper's row highlighted through all of that. The
 * window decides what is open: clicks and keys only move the focus and
 * activate rows, so selection requests from the list view (hover, Space)
 * are refused, and moving through the list with the arrow keys does not
 * open every paper on the way.
 */

struct _PbPaperSelection
{
  GObject     parent_instance;

  GListModel *model;        /* (owned) */
  char       *selected_id;  /* (nullable) */
};

static void list_model_iface_init      (GListModelInterface      *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbPaperSelection, pb_paper_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static GType
pb_paper_selection_get_item_type (GListModel *model)
{
  return PB_TYPE_PAPER;
}

static guint
pb_paper_selection_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (PB_PAPER_SELECTION (model)->model);
}

static gpointer
pb_paper_selection_get_item (GListModel *model,
                             guint       position)
{
  return g_list_model_get_item (PB_PAPER_SELECTION (model)->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_paper_selection_get_item_type;
  iface->get_n_items = pb_paper_selection_get_n_items;
  iface->get_item = pb_paper_selection_get_item;
}

/* Asking a paged model for an item reads its page: look only at what is
 * in memory (the rows a view shows always are). */
static gboolean
is_selected_id (PbPaperSelection *self,
                guint             position)
{
  g_autoptr(PbPaper) paper = NULL;
  GListModel *model = self->model;

  if (self->selected_id == NULL)
    return FALSE;

  /* Through the slice a list shows first (pb-paper-list.c). */
  if (GTK_IS_SLICE_LIST_MODEL (model))
    {
      position += gtk_slice_list_model_get_offset (GTK_SLICE_LIST_MODEL (model));
      model = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (model));
    }

  if (PB_IS_PAPER_LIST_MODEL (model))
    {
      PbPaper *peeked = pb_paper_list_model_peek_item (PB_PAPER_LIST_MODEL (model), position);

      if (peeked != NULL)
        paper = g_object_ref (peeked);
    }
  else
    paper = g_list_model_get_item (model, position);

  return paper != NULL && g_strcmp0 (pb_paper_get_id (paper), self->selected_id) == 0;
}

static gboolean
pb_paper_selection_is_selected (GtkSelectionModel *model,
                                guint              position)
{
  return is_selected_id (PB_PAPER_SELECTION (model), position);
}

static GtkBitset *
pb_paper_selection_get_selection_in_range (GtkSelectionModel *model,
                                           guint              position,
                                           guint              n_items)
{
  PbPaperSelection *self = PB_PAPER_SELECTION (model);
  GtkBitset *selected = gtk_bitset_new_empty ();
  guint end;

  if (self->selected_id == NULL)
    return selected;

  end = MIN (position + n_items, g_list_model_get_n_items (self->model));
  for (guint i = position; i < end; i++)
    if (is_selected_id (self, i))
      {
        gtk_bitset_add (selected, i);
        break;
      }

  return selected;
}

static gboolean
refuse_select_item (GtkSelectionModel *model,
                    guint              position,
                    gboolean           unselect_rest)
{
  return FALSE;
}

static gboolean
refuse_unselect_item (GtkSelectionModel *model,
                      guint              position)
{
  return FALSE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = pb_paper_selection_is_selected;
  iface->get_selection_in_range = pb_paper_selection_get_selection_in_range;
  iface->select_item = refuse_select_item;
  iface->unselect_item = refuse_unselect_item;
}

static void
on_items_changed_cb (PbPaperSelection *self,
                     guint             position,
                     guint             removed,
                     guint             added,
                     GListModel       *model)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
pb_paper_selection_dispose (GObject *object)
{
  PbPaperSelection *self = (PbPaperSelection *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (pb_paper_selection_parent_class)->dispose (object);
}

static void
pb_paper_selection_class_init (PbPaperSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pb_paper_selection_dispose;
}

static void
pb_paper_selection_init (PbPaperSelection *self)
{
}

PbPaperSelection *
pb_paper_selection_new (GListModel *model)
{
  PbPaperSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (PB_TYPE_PAPER_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

GListModel *
pb_paper_selection_get_model (PbPaperSelection *self)
{
  g_return_val_if_fail (PB_IS_PAPER_SELECTION (self), NULL);
  return self->model;
}

const char *
pb_paper_selection_get_selected_id (PbPaperSelection *self)
{
  g_return_val_if_fail (PB_IS_PAPER_SELECTION (self), NULL);
  return self->selected_id;
}

/**
 * pb_paper_selection_set_selected_id:
 * @id: (nullable): the open paper
 *
 * Rows are not searched: every row the view shows asks is_selected() again.
 */
void
pb_paper_selection_set_selected_id (PbPaperSelection *self,
                                    const char       *id)
{
  guint n;

  g_return_if_fail (PB_IS_PAPER_SELECTION (self));

  if (g_strcmp0 (self->selected_id, id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);

  /* Only the rows the view has bound will ask again. */
  n = g_list_model_get_n_items (self->model);
  if (n > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n);
}
