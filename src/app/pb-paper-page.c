/* pb-paper-page.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-paper-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-paper-page.h"
#include "pb-thumbnail.h"

/**
 * PbPaperPage:
 *
 * One paper to read: its thumbnail from the offline cache (a placeholder
 * when there is none), title, every author, dates, counts, the AI summary
 * and keywords when the feed had them, the abstract as selectable text, and
 * buttons for the links the paper has.
 *
 * All text comes from the feed and is shown literally. Links go through
 * the window's `win.open-link` action, which opens only https addresses;
 * a link that is not https is not even shown.
 */

struct _PbPaperPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkStack          *thumbnail_stack;
  GtkPicture        *thumbnail;
  GtkLabel          *title_label;
  GtkLabel          *authors_label;
  GtkLabel          *dates_label;
  GtkWidget         *stats_box;
  GtkWidget         *upvotes_box;
  GtkLabel          *upvotes_label;
  GtkWidget         *comments_box;
  GtkLabel          *comments_label;
  GtkWidget         *stars_box;
  GtkLabel          *stars_label;
  GtkFlowBox        *links_box;
  GtkWidget         *summary_box;
  GtkWidget         *summary_heading;
  GtkLabel          *summary_label;
  GtkFlowBox        *keywords_box;
  GtkWidget         *abstract_box;
  GtkLabel          *abstract_label;

  /* Owned */
  PbPaper           *paper;
  GCancellable      *thumbnail_cancellable;
};

G_DEFINE_FINAL_TYPE (PbPaperPage, pb_paper_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Thumbnails, read and decoded on a thread */

static void
load_thumbnail_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autofree char *path = pb_thumbnail_dup_path (task_data);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (path == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  texture = gdk_texture_new_from_filename (path, &error);
  if (texture == NULL)
    g_debug ("Cannot read the thumbnail %s: %s", path, error->message);
  g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_thumbnail_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  PbPaperPage *self = PB_PAPER_PAGE (object);
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_had_error (G_TASK (result)) || texture == NULL)
    return;

  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "image");
}

static void
load_thumbnail (PbPaperPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  gtk_picture_set_paintable (self->thumbnail, NULL);
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "placeholder");

  if (self->paper == NULL)
    return;

  self->thumbnail_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->thumbnail_cancellable, on_thumbnail_loaded_cb, NULL);
  g_task_set_source_tag (task, load_thumbnail);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, g_strdup (pb_paper_get_id (self->paper)), g_free);
  g_task_run_in_thread (task, load_thumbnail_thread);
}

/* Texts */

/* A count the feed gave (-1: it did not), with @text saying it. */
static void
set_count (GtkWidget *box,
           GtkLabel  *label,
           int        count,
           char      *text)
{
  gtk_widget_set_visible (box, count >= 0);
  gtk_label_set_text (label, text);
  g_free (text);
}

static char *
describe_dates (PbPaper *paper)
{
  GString *text = g_string_new (NULL);
  g_autofree char *published = pb_format_date (pb_paper_get_published_on (paper),
                                               PB_DATE_LONG, NULL);
  g_autofree char *listed = pb_format_date (pb_paper_get_listed_on (paper), PB_DATE_LONG, NULL);
  const char *organization = pb_paper_get_organization (paper);

  if (organization != NULL && *organization != '\0')
    g_string_append_printf (text, "%s\n", organization);
  if (pb_paper_is_arxiv (paper))
    /* Translators: an arXiv identifier, as in "arXiv 2405.15738" */
    g_string_append_printf (text, _("arXiv %s"), pb_paper_get_id (paper));
  if (published != NULL)
    {
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append (text, " · ");
      g_string_append_printf (text, _("Published %s"), published);
    }
  if (listed != NULL)
    {
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append (text, " · ");
      /* Translators: the day a paper was in the Hugging Face daily list */
      g_string_append_printf (text, _("Listed %s"), listed);
    }

  return g_string_free (text, FALSE);
}

static void
add_link (PbPaperPage *self,
          const char  *label,
          const char  *icon_name,
          const char  *uri)
{
  GtkWidget *button;
  GtkWidget *content;
  GtkFlowBoxChild *child;

  /* Only https is ever opened; anything else from the feed is not shown. */
  if (uri == NULL || !g_str_has_prefix (uri, "https://"))
    return;

  content = adw_button_content_new ();
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), content);
  /* Its name is its label (GTK 4.8 would add an accessible label to it). */
  gtk_widget_set_tooltip_text (button, uri);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-link");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "link-button");

  /* Tab goes from button to button, not through the flow box's cells,
   * and screen readers see buttons, not cells of a table. */
  child = g_object_new (GTK_TYPE_FLOW_BOX_CHILD,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                        "focusable", FALSE,
                        "child", button,
                        NULL);
  gtk_flow_box_append (self->links_box, GTK_WIDGET (child));
}

static void
remove_all (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
update_links (PbPaperPage *self)
{
  PbPaper *paper = self->paper;
  g_autofree char *arxiv = pb_paper_dup_arxiv_url (paper);
  g_autofree char *pdf = pb_paper_dup_pdf_url (paper);
  g_autofree char *hf = pb_paper_dup_huggingface_url (paper);

  remove_all (self->links_box);
  add_link (self, _("arXiv"), "pb-link-symbolic", arxiv);
  add_link (self, _("PDF"), "pb-document-symbolic", pdf);
  add_link (self, _("Hugging Face"), "pb-link-symbolic", hf);
  add_link (self, _("Code"), "pb-code-symbolic", pb_paper_get_github_repo (paper));
  add_link (self, _("Project Page"), "pb-web-symbolic",
            pb_paper_get_project_page (paper));
  gtk_widget_set_visible (GTK_WIDGET (self->links_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->links_box)) != NULL);
}

static void
update_summary (PbPaperPage *self)
{
  const char *summary = pb_paper_get_ai_summary (self->paper);
  const char * const *keywords = pb_paper_get_ai_keywords (self->paper);
  gboolean has_summary = summary != NULL && *summary != '\0';

  gtk_label_set_text (self->summary_label, has_summary ? summary : "");
  gtk_widget_set_visible (self->summary_heading, has_summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), has_summary);

  remove_all (self->keywords_box);
  for (guint i = 0; keywords[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (keywords[i]);

      GtkWidget *child;

      gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "keyword");
      child = g_object_new (GTK_TYPE_FLOW_BOX_CHILD,
                            "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                            "focusable", FALSE,
                            "child", label,
                            NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      keywords[i], -1);
      gtk_flow_box_append (self->keywords_box, child);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->keywords_box), keywords[0] != NULL);
  gtk_widget_set_visible (self->summary_box, has_summary || keywords[0] != NULL);
}

static void
update (PbPaperPage *self)
{
  PbPaper *paper = self->paper;
  g_autofree char *authors = NULL;
  g_autofree char *dates = NULL;
  const char *abstract;
  int n;

  if (paper == NULL)
    return;

  gtk_label_set_text (self->title_label, pb_paper_get_title (paper));
  authors = g_strjoinv (", ", (char **)pb_paper_get_authors (paper));
  gtk_label_set_text (self->authors_label, authors);
  gtk_widget_set_visible (GTK_WIDGET (self->authors_label), *authors != '\0');
  dates = describe_dates (paper);
  gtk_label_set_text (self->dates_label, dates);

  n = pb_paper_get_upvotes (paper);
  set_count (self->upvotes_box, self->upvotes_label, n,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d upvote", "%d upvotes", n), n));
  n = pb_paper_get_comments (paper);
  set_count (self->comments_box, self->comments_label, n,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d comment", "%d comments", n), n));
  n = pb_paper_get_github_stars (paper);
  set_count (self->stars_box, self->stars_label, n,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d GitHub star", "%d GitHub stars",
                                           n), n));

  update_links (self);
  update_summary (self);

  abstract = pb_paper_get_abstract (paper);
  gtk_label_set_text (self->abstract_label, abstract ? abstract : "");
  gtk_widget_set_visible (self->abstract_box, abstract != NULL && *abstract != '\0');
}

static void
pb_paper_page_dispose (GObject *object)
{
  PbPaperPage *self = (PbPaperPage *)object;

  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  g_clear_object (&self->paper);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PAPER_PAGE);

  G_OBJECT_CLASS (pb_paper_page_parent_class)->dispose (object);
}

static void
pb_paper_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbPaperPage *self = PB_PAPER_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAPER:
      g_value_set_object (value, self->paper);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PbPaperPage *self = PB_PAPER_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAPER:
      pb_paper_page_set_paper (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_page_class_init (PbPaperPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_paper_page_dispose;
  object_class->get_property = pb_paper_page_get_property;
  object_class->set_property = pb_paper_page_set_property;

  properties[PROP_PAPER] =
    g_param_spec_object ("paper", NULL, NULL, PB_TYPE_PAPER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paperboy/Paperboy/ui/pb-paper-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, authors_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, dates_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, upvotes_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, upvotes_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, comments_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, comments_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, stars_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, stars_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, links_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, summary_heading);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, keywords_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, abstract_box);
  gtk_widget_class_bind_template_child (widget_class, PbPaperPage, abstract_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "paperpage");
}

static void
pb_paper_page_init (PbPaperPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_paper_page_new (void)
{
  return g_object_new (PB_TYPE_PAPER_PAGE, NULL);
}

/**
 * pb_paper_page_get_paper:
 *
 * Returns: (transfer none) (nullable): the paper shown
 */
PbPaper *
pb_paper_page_get_paper (PbPaperPage *self)
{
  g_return_val_if_fail (PB_IS_PAPER_PAGE (self), NULL);
  return self->paper;
}

/**
 * pb_paper_page_set_paper:
 * @paper: (nullable): a paper as pb_store_get_paper() reads it (with its
 *   abstract); a paper from a list shows without one
 *
 * Shows @paper from the top; the same paper again (with more fields, or
 * changed counts) keeps the scroll position and the thumbnail.
 */
void
pb_paper_page_set_paper (PbPaperPage *self,
                         PbPaper     *paper)
{
  gboolean same_id;

  g_return_if_fail (PB_IS_PAPER_PAGE (self));
  g_return_if_fail (paper == NULL || PB_IS_PAPER (paper));

  if (self->paper == paper)
    return;

  same_id = self->paper != NULL && paper != NULL &&
            g_strcmp0 (pb_paper_get_id (self->paper), pb_paper_get_id (paper)) == 0;
  g_set_object (&self->paper, paper);
  update (self);

  if (!same_id)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      load_thumbnail (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}
