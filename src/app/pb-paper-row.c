/* pb-paper-row.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-paper-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-highlight.h"
#include "pb-paper-list-model.h"
#include "pb-paper-row.h"

/**
 * PbPaperRow:
 *
 * One paper in a list: title (at most three lines), authors, a snippet for
 * search results, upvotes, comments, GitHub stars and date, a dot when the
 * paper is unread and a star button.
 *
 * Every text comes from the feed, so labels never parse markup; matches of
 * a search are marked with attributes (see pb_highlight_parse()). A row
 * without a paper id stands for a row that is still being read and shows
 * nothing yet. The unread and starred states are also said in words, in the
 * accessible label of the row (and of the list item holding it, which is
 * what has the keyboard focus).
 */

#define MAX_AUTHORS 3

/* The width rows ask for; they get the list's width anyway. */
#define ROW_MIN_WIDTH 280
#define ROW_NAT_WIDTH 360

/* Room around and between the dot, the texts and the star. */
#define PAD_TOP    10
#define PAD_BOTTOM 10
#define PAD_START  4
#define GAP        6
#define DOT_TOP    7   /* the dot's top, below the first line's top */
#define STAR_TOP   (-3)

struct _PbPaperRow
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *unread_dot;
  GtkWidget    *column;
  GtkLabel     *title_label;
  GtkInscription *authors_label;
  GtkLabel     *snippet_label;
  GtkWidget    *meta_box;
  GtkWidget    *upvotes_box;
  GtkInscription *upvotes_label;
  GtkWidget    *comments_box;
  GtkInscription *comments_label;
  GtkWidget    *stars_box;
  GtkInscription *stars_label;
  GtkInscription *date_label;
  GtkButton    *star_button;

  /* Owned */
  PbPaper      *item;
  GSignalGroup *item_signals;
  char         *accessible_text;
  gboolean      shows_starred;
  int           measured_width;  /* the width of the last measure of the height */
};

G_DEFINE_FINAL_TYPE (PbPaperRow, pb_paper_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_count (GtkWidget      *box,
           GtkInscription *label,
           int             count)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (box, count >= 0);
  if (count < 0)
    return;

  text = pb_format_count (count);
  gtk_inscription_set_text (label, text);
}

static void
set_marked_text (GtkLabel   *label,
                 const char *marked,
                 const char *plain,
                 gboolean    bold)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autofree char *text = NULL;

  if (marked == NULL)
    {
      gtk_label_set_attributes (label, NULL);
      gtk_label_set_text (label, plain ? plain : "");
      return;
    }

  text = pb_highlight_parse (marked, bold, &attrs);
  gtk_label_set_text (label, text);
  gtk_label_set_attributes (label, attrs);
}

/* The row's state in words, for screen readers: the dot and the bold
 * title are only seen. */
static char *
describe (PbPaper *paper)
{
  GString *text = g_string_new (NULL);
  g_autofree char *authors = pb_paper_dup_authors_short (paper, MAX_AUTHORS);
  g_autofree char *date = pb_format_date (pb_paper_get_published_on (paper), PB_DATE_LONG, NULL);
  int n;

  if (!pb_paper_get_read (paper))
    g_string_append_printf (text, "%s ", _("Unread."));
  if (pb_paper_get_starred (paper))
    g_string_append_printf (text, "%s ", _("Starred."));
  g_string_append (text, pb_paper_get_title (paper));
  if (*authors != '\0')
    /* Translators: who wrote a paper, as in "by Ada Lovelace et al." */
    g_string_append_printf (text, _(", by %s"), authors);
  if ((n = pb_paper_get_upvotes (paper)) >= 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d upvote", "%d upvotes", n), n);
    }
  if ((n = pb_paper_get_comments (paper)) >= 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d comment", "%d comments", n),
                              n);
    }
  if ((n = pb_paper_get_github_stars (paper)) >= 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d GitHub star",
                                                 "%d GitHub stars", n), n);
    }
  if (date != NULL)
    /* Translators: when a paper was published on arXiv */
    g_string_append_printf (text, _(", published %s"), date);

  return g_string_free (text, FALSE);
}

static void
update_accessible (PbPaperRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->accessible_text == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_text, -1);
  /* The list item around the row has the focus, and GTK 4.8 gives no way
   * to label it (gtk_list_item_set_accessible_label() is 4.12). */
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_text, -1);
}

static void
update_state (PbPaperRow *self)
{
  gboolean placeholder = pb_paper_is_placeholder (self->item);
  gboolean starred = !placeholder && pb_paper_get_starred (self->item);
  gboolean unread = !placeholder && !pb_paper_get_read (self->item);

  gtk_widget_set_opacity (self->unread_dot, unread ? 1.0 : 0.0);
  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");

  gtk_widget_set_visible (GTK_WIDGET (self->star_button), !placeholder);
  if (self->shows_starred != starred)
    {
      /* Tooltips are costly to set: only when the star changes. */
      self->shows_starred = starred;
      gtk_button_set_icon_name (self->star_button,
                                starred ? "starred-symbolic" : "non-starred-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                                   starred ? _("Remove Star") : _("Star"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      starred ? _("Remove Star") : _("Star"), -1);
      if (starred)
        gtk_widget_add_css_class (GTK_WIDGET (self->star_button), "starred");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->star_button), "starred");
    }

  g_clear_pointer (&self->accessible_text, g_free);
  if (!placeholder)
    self->accessible_text = describe (self->item);
  update_accessible (self);
}

static void
update_texts (PbPaperRow *self)
{
  PbPaper *paper = self->item;
  g_autofree char *authors = NULL;
  g_autofree char *date = NULL;

  if (pb_paper_is_placeholder (paper))
    {
      gtk_label_set_text (self->title_label, "");
      gtk_inscription_set_text (self->authors_label, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), FALSE);
      gtk_widget_set_visible (self->meta_box, FALSE);
      return;
    }

  set_marked_text (self->title_label, pb_paper_get_title_highlight (paper),
                   pb_paper_get_title (paper), FALSE);

  authors = pb_paper_dup_authors_short (paper, MAX_AUTHORS);
  gtk_inscription_set_text (self->authors_label, authors);
  gtk_widget_set_visible (GTK_WIDGET (self->authors_label), *authors != '\0');

  set_marked_text (self->snippet_label, pb_paper_get_snippet (paper), NULL, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), pb_paper_get_snippet (paper) != NULL);

  gtk_widget_set_visible (self->meta_box, TRUE);
  set_count (self->upvotes_box, self->upvotes_label, pb_paper_get_upvotes (paper));
  set_count (self->comments_box, self->comments_label, pb_paper_get_comments (paper));
  set_count (self->stars_box, self->stars_label, pb_paper_get_github_stars (paper));

  date = pb_format_date (pb_paper_get_published_on (paper), PB_DATE_SHORT, NULL);
  gtk_inscription_set_text (self->date_label, date);
}

static void
on_star_clicked_cb (PbPaperRow *self)
{
  if (pb_paper_is_placeholder (self->item))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toggle-starred", "s",
                              pb_paper_get_id (self->item));
}

/* A row takes the width of its list, whatever its texts, and lays out its
 * three children itself: asking wrapped labels for their widths (as a
 * horizontal GtkBox would, to share the width out) lays out every text
 * twice more per row, and text layout is most of the cost of binding rows.
 * Only the heights of the texts, for the width they get, are measured. */

typedef struct
{
  int dot_width, dot_height;
  int star_width, star_height;
  int column_width;
} Sizes;

static void
measure_fixed_parts (PbPaperRow *self,
                     int         width,
                     Sizes      *sizes)
{
  gtk_widget_measure (self->unread_dot, GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &sizes->dot_width, NULL, NULL);
  gtk_widget_measure (self->unread_dot, GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &sizes->dot_height, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->star_button), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &sizes->star_width, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->star_button), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &sizes->star_height, NULL, NULL);
  sizes->column_width = MAX (1, width - PAD_START - sizes->dot_width - 2 * GAP -
                                sizes->star_width);
}

/* What the grid view around the row takes off its own width (the cell's
 * margins and padding), learnt from the rows allocated so far; the first
 * guess is what style.css gives. */
static int row_inset = 24;

/* GTK 4.8's GtkGridView asks its rows for their height for no width in
 * particular (-1), then gives them its column's width: answer for the width
 * the row will get, so that wrapped titles are measured as they will be
 * drawn. */
static int
expected_width (PbPaperRow *self)
{
  GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *view = cell ? gtk_widget_get_parent (cell) : NULL;
  int view_width = view ? gtk_widget_get_width (view) : 0;

  if (view_width <= 0)
    return ROW_NAT_WIDTH;

  return MAX (ROW_MIN_WIDTH, view_width - row_inset);
}

static void
pb_paper_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PbPaperRow *self = PB_PAPER_ROW (widget);
  int column_min, column_nat;
  Sizes sizes;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ROW_MIN_WIDTH;
      *natural = ROW_NAT_WIDTH;
      return;
    }

  self->measured_width = for_size >= 0 ? MAX (for_size, ROW_MIN_WIDTH) : expected_width (self);
  measure_fixed_parts (self, self->measured_width, &sizes);
  gtk_widget_measure (self->column, GTK_ORIENTATION_VERTICAL, sizes.column_width,
                      &column_min, &column_nat, NULL, NULL);
  *minimum = PAD_TOP + MAX (column_min, sizes.star_height) + PAD_BOTTOM;
  *natural = PAD_TOP + MAX (column_nat, sizes.star_height) + PAD_BOTTOM;
}

static void
place (GtkWidget *child,
       int        row_width,
       gboolean   rtl,
       int        x,
       int        y,
       int        width,
       int        height)
{
  GtkAllocation allocation = { rtl ? row_width - x - width : x, y, width, height };

  gtk_widget_size_allocate (child, &allocation, -1);
}

static void
pb_paper_row_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  PbPaperRow *self = PB_PAPER_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *cell = gtk_widget_get_parent (widget);
  GtkWidget *view = cell ? gtk_widget_get_parent (cell) : NULL;
  Sizes sizes;

  if (view != NULL && gtk_widget_get_width (view) > width)
    row_inset = gtk_widget_get_width (view) - width;

  /* Measured for another width (the first rows, before the inset was
   * known): measure again, so that the height fits. */
  if (self->measured_width != width && width >= ROW_MIN_WIDTH)
    gtk_widget_queue_resize (widget);

  measure_fixed_parts (self, width, &sizes);
  place (self->unread_dot, width, rtl, PAD_START, PAD_TOP + DOT_TOP,
         sizes.dot_width, sizes.dot_height);
  place (self->column, width, rtl, PAD_START + sizes.dot_width + GAP, PAD_TOP,
         sizes.column_width, MAX (1, height - PAD_TOP - PAD_BOTTOM));
  place (GTK_WIDGET (self->star_button), width, rtl, width - sizes.star_width,
         PAD_TOP + STAR_TOP, sizes.star_width, sizes.star_height);
}

static void
pb_paper_row_dispose (GObject *object)
{
  PbPaperRow *self = (PbPaperRow *)object;

  g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);
  g_clear_pointer (&self->accessible_text, g_free);

  /* Unparents the dot, the column and the star: all bound children. */
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PAPER_ROW);

  G_OBJECT_CLASS (pb_paper_row_parent_class)->dispose (object);
}

static void
pb_paper_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PbPaperRow *self = PB_PAPER_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PbPaperRow *self = PB_PAPER_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      pb_paper_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_row_class_init (PbPaperRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_paper_row_dispose;
  object_class->get_property = pb_paper_row_get_property;
  object_class->set_property = pb_paper_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, PB_TYPE_PAPER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paperboy/Paperboy/ui/pb-paper-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, column);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, authors_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, meta_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, upvotes_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, upvotes_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, comments_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, comments_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, stars_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, stars_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperRow, star_button);
  gtk_widget_class_bind_template_callback (widget_class, on_star_clicked_cb);

  widget_class->measure = pb_paper_row_measure;
  widget_class->size_allocate = pb_paper_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "paperrow");
}

static void
pb_paper_row_init (PbPaperRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->item_signals = g_signal_group_new (PB_TYPE_PAPER);
  g_signal_group_connect_swapped (self->item_signals, "notify::starred",
                                  G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->item_signals, "notify::read",
                                  G_CALLBACK (update_state), self);
  g_signal_connect (self, "notify::parent", G_CALLBACK (update_accessible), NULL);
  self->shows_starred = TRUE;  /* so that the first update sets it all */

  update_texts (self);
  update_state (self);
}

GtkWidget *
pb_paper_row_new (void)
{
  return g_object_new (PB_TYPE_PAPER_ROW, NULL);
}

/**
 * pb_paper_row_get_item:
 *
 * Returns: (transfer none) (nullable): the paper shown
 */
PbPaper *
pb_paper_row_get_item (PbPaperRow *self)
{
  g_return_val_if_fail (PB_IS_PAPER_ROW (self), NULL);
  return self->item;
}

void
pb_paper_row_set_item (PbPaperRow *self,
                       PbPaper    *item)
{
  g_return_if_fail (PB_IS_PAPER_ROW (self));
  g_return_if_fail (item == NULL || PB_IS_PAPER (item));

  if (!g_set_object (&self->item, item))
    return;

  g_signal_group_set_target (self->item_signals, item);
  update_texts (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
