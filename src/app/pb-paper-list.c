/* pb-paper-list.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-paper-list"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-paper-list.h"
#include "pb-paper-list-model.h"
#include "pb-paper-row.h"
#include "pb-paper-selection.h"

/**
 * PbPaperList:
 *
 * A scrolled list of papers with its empty state: #PbPaperRow rows over any
 * list model of papers (a #PbPaperListModel, search results), the open
 * paper's row shown selected (see #PbPaperSelection).
 *
 * The rows are a one-column #GtkGridView rather than a #GtkListView: in
 * GTK 4.8 a list view keeps 200 rows alive around its position whatever
 * its height (GTK_LIST_VIEW_MAX_LIST_ITEMS), and a paper row is too rich
 * for 200 of them to be built, bound and measured in a frame; a grid view
 * keeps about 33 rows for one column (GTK_GRID_VIEW_MAX_VISIBLE_ROWS).
 *
 * Even 33 rows are more than a window shows: a list first shows only the
 * rows its height can show (through a #GtkSliceListModel), and all of them
 * right after its first frame, so that the window's first frame, or the
 * first frame of a view, does not wait for rows below the fold. The same
 * happens when the model holds a new list (its "reset" signal): new search
 * results, another day.
 *
 * It shows a spinner only when loading takes long enough to be noticed,
 * and the status page it is given when the list is empty. Clicking a row,
 * or Enter or Space on the focused one, emits #PbPaperList::paper-activated;
 * S and M star and mark the focused row's paper through the window's
 * `win.toggle-starred` and `win.toggle-read` actions.
 */

#define SPINNER_DELAY_MS 300
#define FIRST_ROWS 10       /* before the list knows its height */
#define SMALLEST_ROW 72      /* px: a row with a one-line title */

struct _PbPaperList
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkGridView       *view;
  AdwStatusPage     *empty_page;
  GtkSpinner        *spinner;

  /* Owned */
  GListModel        *model;
  GtkSliceListModel *slice;
  PbPaperSelection  *selection;
  guint              spinner_timeout;

  gboolean           loading;
  gboolean           shown_once;   /* all rows, not only the first ones */
};

G_DEFINE_FINAL_TYPE (PbPaperList, pb_paper_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LOADING,
  PROP_SELECTED_ID,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PAPER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
on_spinner_timeout_cb (gpointer user_data)
{
  PbPaperList *self = user_data;

  self->spinner_timeout = 0;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  return G_SOURCE_REMOVE;
}

static void
update_page (PbPaperList *self)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

  if (n > 0 || !self->loading)
    {
      g_clear_handle_id (&self->spinner_timeout, g_source_remove);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
      return;
    }

  /* Loading an empty list: most answers come within a frame or two, so
   * a spinner would only flash. Show it only if the wait is noticeable. */
  if (self->spinner_timeout == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
    self->spinner_timeout = g_timeout_add (SPINNER_DELAY_MS, on_spinner_timeout_cb, self);
}

/* Enough rows to fill the list's height. */
static guint
first_rows (PbPaperList *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  return height > 0 ? (guint)CLAMP (height / SMALLEST_ROW + 1, 4, 20) : FIRST_ROWS;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   PbPaperList   *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  self->shown_once = TRUE;
  if (self->slice != NULL)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

/* Only the first rows in the next frame, all of them in the one after. */
static void
show_first_rows_first (PbPaperList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->slice == NULL || clock == NULL)
    return;

  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  gtk_slice_list_model_set_size (self->slice, first_rows (self));
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_paint_cb), self, 0);
}

static void
on_model_reset_cb (PbPaperList *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_first_rows_first (self);
}

static void
on_list_activate_cb (PbPaperList *self,
                     guint        position)
{
  g_autoptr(PbPaper) paper = g_list_model_get_item (self->model, position);

  if (paper != NULL && !pb_paper_is_placeholder (paper))
    g_signal_emit (self, signals[PAPER_ACTIVATED], 0, paper);
}

/* The paper of the row that has the keyboard focus, if any. */
static PbPaper *
get_focus_paper (PbPaperList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;
  PbPaper *paper;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view)))
    return NULL;

  /* The focus is on the list item, whose child is the row. */
  child = PB_IS_PAPER_ROW (focus) ? focus : gtk_widget_get_first_child (focus);
  if (child == NULL || !PB_IS_PAPER_ROW (child))
    return NULL;

  paper = pb_paper_row_get_item (PB_PAPER_ROW (child));
  return pb_paper_is_placeholder (paper) ? NULL : paper;
}

static gboolean
activate_focus_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  PbPaperList *self = PB_PAPER_LIST (widget);
  PbPaper *paper = get_focus_paper (self);

  if (paper == NULL)
    return FALSE;

  g_signal_emit (self, signals[PAPER_ACTIVATED], 0, paper);
  return TRUE;
}

static gboolean
toggle_focus_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  PbPaperList *self = PB_PAPER_LIST (widget);
  PbPaper *paper = get_focus_paper (self);
  const char *action = g_variant_get_string (args, NULL);

  if (paper == NULL)
    return FALSE;

  return gtk_widget_activate_action (widget, action, "s", pb_paper_get_id (paper));
}

static void
pb_paper_list_map (GtkWidget *widget)
{
  PbPaperList *self = PB_PAPER_LIST (widget);

  GTK_WIDGET_CLASS (pb_paper_list_parent_class)->map (widget);

  if (!self->shown_once)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_first_paint_cb), self, 0);
}

static void
pb_paper_list_dispose (GObject *object)
{
  PbPaperList *self = (PbPaperList *)object;

  g_clear_handle_id (&self->spinner_timeout, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PAPER_LIST);

  G_OBJECT_CLASS (pb_paper_list_parent_class)->dispose (object);
}

static void
pb_paper_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbPaperList *self = PB_PAPER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, pb_paper_list_get_selected_id (self));
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_page));
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;
    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_page));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PbPaperList *self = PB_PAPER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      pb_paper_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_LOADING:
      pb_paper_list_set_loading (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED_ID:
      pb_paper_list_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (self->empty_page, g_value_get_string (value));
      break;
    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->empty_page, g_value_get_string (value));
      break;
    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (self->empty_page, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
}

static void
add_binding (GtkWidgetClass *widget_class,
             guint           keyval,
             const char     *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, toggle_focus_cb, "s", action);
}

static void
pb_paper_list_class_init (PbPaperListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_paper_list_dispose;
  object_class->get_property = pb_paper_list_get_property;
  object_class->set_property = pb_paper_list_set_property;
  widget_class->map = pb_paper_list_map;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TITLE] = string_property ("empty-title");
  properties[PROP_EMPTY_DESCRIPTION] = string_property ("empty-description");
  properties[PROP_EMPTY_ICON_NAME] = string_property ("empty-icon-name");
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbPaperList::paper-activated:
   * @paper: the paper of the row
   *
   * A row was clicked, or Enter or Space pressed on it: open the paper.
   */
  signals[PAPER_ACTIVATED] =
    g_signal_new ("paper-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_PAPER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paperboy/Paperboy/ui/pb-paper-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPaperList, stack);
  gtk_widget_class_bind_template_child (widget_class, PbPaperList, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbPaperList, view);
  gtk_widget_class_bind_template_child (widget_class, PbPaperList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PbPaperList, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  add_binding (widget_class, GDK_KEY_s, "win.toggle-starred");
  add_binding (widget_class, GDK_KEY_m, "win.toggle-read");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "paperlist");

  g_type_ensure (PB_TYPE_PAPER_ROW);
}

static void
pb_paper_list_init (PbPaperList *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A list item takes Space to toggle its selection, before any binding
   * of ours could see it; here it opens the paper, like Enter. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                           gtk_keyval_trigger_new (GDK_KEY_KP_Space, 0)),
                               gtk_callback_action_new (activate_focus_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_page (self);
}

GtkWidget *
pb_paper_list_new (void)
{
  return g_object_new (PB_TYPE_PAPER_LIST, NULL);
}

/**
 * pb_paper_list_get_model:
 *
 * Returns: (transfer none) (nullable): the papers
 */
GListModel *
pb_paper_list_get_model (PbPaperList *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST (self), NULL);
  return self->model;
}

void
pb_paper_list_set_model (PbPaperList *self,
                         GListModel  *model)
{
  g_autofree char *selected_id = NULL;

  g_return_if_fail (PB_IS_PAPER_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  selected_id = g_strdup (pb_paper_list_get_selected_id (self));
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);

  if (model != NULL)
    {
      self->slice = gtk_slice_list_model_new (g_object_ref (model), 0,
                                              self->shown_once ? G_MAXUINT : first_rows (self));
      self->selection = pb_paper_selection_new (G_LIST_MODEL (self->slice));
      pb_paper_selection_set_selected_id (self->selection, selected_id);
      g_signal_connect_object (model, "items-changed", G_CALLBACK (update_page), self,
                               G_CONNECT_SWAPPED);
      if (g_signal_lookup ("reset", G_OBJECT_TYPE (model)) != 0)
        g_signal_connect_object (model, "reset", G_CALLBACK (on_model_reset_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  gtk_grid_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

gboolean
pb_paper_list_get_loading (PbPaperList *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST (self), FALSE);
  return self->loading;
}

/**
 * pb_paper_list_set_loading:
 *
 * Whether the model is being read; an empty list shows a spinner then
 * (after a short delay) rather than the empty page.
 */
void
pb_paper_list_set_loading (PbPaperList *self,
                           gboolean     loading)
{
  g_return_if_fail (PB_IS_PAPER_LIST (self));

  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

const char *
pb_paper_list_get_selected_id (PbPaperList *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST (self), NULL);
  return self->selection ? pb_paper_selection_get_selected_id (self->selection) : NULL;
}

void
pb_paper_list_set_selected_id (PbPaperList *self,
                               const char  *id)
{
  g_return_if_fail (PB_IS_PAPER_LIST (self));

  if (self->selection == NULL ||
      g_strcmp0 (pb_paper_selection_get_selected_id (self->selection), id) == 0)
    return;

  pb_paper_selection_set_selected_id (self->selection, id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

/**
 * pb_paper_list_focus_list:
 *
 * Moves the keyboard focus into the list (to the row it last had).
 */
gboolean
pb_paper_list_focus_list (PbPaperList *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST (self), FALSE);
  return gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/**
 * pb_paper_list_get_view:
 *
 * Returns: (transfer none): the view of the rows, for tests and benchmarks
 */
GtkWidget *
pb_paper_list_get_view (PbPaperList *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST (self), NULL);
  return GTK_WIDGET (self->view);
}
