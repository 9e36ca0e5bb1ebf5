/* pb-window.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pb-format.h"
#include "pb-notify.h"
#include "pb-paper-row.h"
#include "pb-text.h"
#include "pb-window-private.h"

/**
 * PbWindow:
 *
 * The main window: a list pane (the five views, search results) and a
 * paper pane side by side in an #AdwLeaflet that folds into one pane with a
 * back button on narrow windows.
 *
 * Each view has its own #PbPaperListModel, read when the view is first
 * shown, so that switching back to a view finds it where it was. All
 * database work goes through the window's #PbStoreWorker (lists, the open
 * paper, stars) or the search worker (searches); the main thread only
 * applies answers. #PbStoreMonitor says when another process committed:
 * the visible list, the search and the open paper are then read again in
 * place (see pb_paper_list_model_refresh()), the others when next shown.
 *
 * This file holds the views, the date bar, search and the status shown in
 * the header; pb-window-paper.c opens papers and changes their state;
 * pb-window-actions.c has the actions and keyboard shortcuts.
 */

/* The width of the list next to a paper. */
#define LIST_WIDTH 420

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_WORKER,
  PROP_FIRST_LIST,
  PROP_VIEW,
  PROP_SORT_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  PbScope     scope;
  PbFilter    filter;
} views[PB_N_VIEWS] = {
  [PB_VIEW_DAILY] = { "daily", PB_SCOPE_DAY, PB_FILTER_NONE },
  [PB_VIEW_WEEKLY] = { "weekly", PB_SCOPE_WEEK, PB_FILTER_NONE },
  [PB_VIEW_MONTHLY] = { "monthly", PB_SCOPE_MONTH, PB_FILTER_NONE },
  [PB_VIEW_TRENDING] = { "trending", PB_SCOPE_TRENDING, PB_FILTER_NONE },
  [PB_VIEW_STARRED] = { "starred", PB_SCOPE_ALL, PB_FILTER_STARRED },
};

static const struct {
  const char *nick;
  PbSort      sort;
} sorts[] = {
  { "upvotes", PB_SORT_UPVOTES },
  { "date", PB_SORT_DATE },
  { "comments", PB_SORT_COMMENTS },
  { "stars", PB_SORT_STARS },
};

const char *
_pb_window_view_name (PbView view)
{
  g_assert (view < PB_N_VIEWS);
  return views[view].name;
}

gboolean
_pb_window_view_from_name (const char *name,
                           PbView     *view)
{
  for (guint i = 0; i < PB_N_VIEWS; i++)
    if (g_strcmp0 (name, views[i].name) == 0)
      {
        *view = i;
        return TRUE;
      }

  return FALSE;
}

static AdwBin *
view_bin (PbWindow *self,
          PbView    view)
{
  AdwBin *bins[PB_N_VIEWS] = {
    self->daily_bin, self->weekly_bin, self->monthly_bin, self->trending_bin, self->starred_bin,
  };

  g_assert (view < PB_N_VIEWS);
  return bins[view];
}

/* What an empty list says (the daily list's depends, see
 * update_daily_empty_page()). */
static const struct {
  const char *icon_name;
  const char *title;
  const char *description;
} empty_pages[PB_N_VIEWS] = {
  [PB_VIEW_DAILY] = { "x-office-calendar-symbolic", NULL, NULL },
  [PB_VIEW_WEEKLY] = {
    "view-continuous-symbolic", N_("No Papers This Week"),
    N_("Go back to an earlier week, or refresh to fetch the latest papers."),
  },
  [PB_VIEW_MONTHLY] = {
    "view-grid-symbolic", N_("No Papers This Month"),
    N_("Go back to an earlier month, or refresh to fetch the latest papers."),
  },
  [PB_VIEW_TRENDING] = {
    "pb-trending-symbolic", N_("No Trending List Yet"),
    N_("Refresh to fetch the papers trending on Hugging Face."),
  },
  [PB_VIEW_STARRED] = {
    "starred-symbolic", N_("No Starred Papers"),
    N_("Star a paper with its star button, or press S on it, to keep it here."),
  },
};

static PbPaperList *
new_list (PbWindow    *self,
          GListModel  *model,
          const char  *icon_name,
          const char  *title,
          const char  *description)
{
  PbPaperList *list = PB_PAPER_LIST (pb_paper_list_new ());

  g_object_set (list,
                "empty-icon-name", icon_name,
                "empty-title", title ? _(title) : NULL,
                "empty-description", description ? _(description) : NULL,
                NULL);
  g_signal_connect_object (list, "paper-activated", G_CALLBACK (_pb_window_open_paper), self,
                           G_CONNECT_SWAPPED);
  pb_paper_list_set_model (list, model);
  pb_paper_list_set_selected_id (list, self->open_id);
  g_object_bind_property (model, PB_IS_SEARCH_MODEL (model) ? "searching" : "loading",
                          list, "loading", G_BINDING_SYNC_CREATE);
  return list;
}

static void update_daily_empty_page (PbWindow *self);

/**
 * _pb_window_get_list:
 *
 * Returns: (transfer none): the list of @view, made now if it was never
 *   shown: a window starts with the widgets of one list only
 */
PbPaperList *
_pb_window_get_list (PbWindow *self,
                     PbView    view)
{
  g_assert (view < PB_N_VIEWS);

  if (self->lists[view] == NULL)
    {
      self->lists[view] = new_list (self, G_LIST_MODEL (self->models[view]),
                                    empty_pages[view].icon_name, empty_pages[view].title,
                                    empty_pages[view].description);
      adw_bin_set_child (view_bin (self, view), GTK_WIDGET (self->lists[view]));
      if (view == PB_VIEW_DAILY)
        update_daily_empty_page (self);
    }

  return self->lists[view];
}

/**
 * _pb_window_peek_list:
 *
 * Returns: (transfer none) (nullable): the list of @view if it was made
 */
PbPaperList *
_pb_window_peek_list (PbWindow *self,
                      PbView    view)
{
  g_assert (view < PB_N_VIEWS);
  return self->lists[view];
}

/**
 * _pb_window_get_search_list:
 *
 * Returns: (transfer none): the list of search results, made now if needed
 */
PbPaperList *
_pb_window_get_search_list (PbWindow *self)
{
  if (self->search_list == NULL)
    {
      _pb_window_ensure_search_model (self);
      self->search_list = new_list (self, G_LIST_MODEL (self->search_model),
                                    "system-search-symbolic", N_("No Results"),
                                    N_("Try other words, or fewer of them. Searches cover "
                                       "titles, authors, abstracts and keywords."));
      adw_bin_set_child (self->search_bin, GTK_WIDGET (self->search_list));
    }

  return self->search_list;
}

/**
 * _pb_window_get_paper_page:
 *
 * Returns: (transfer none): the paper page, made when the first paper opens
 */
PbPaperPage *
_pb_window_get_paper_page (PbWindow *self)
{
  if (self->paper_page == NULL)
    {
      self->paper_page = PB_PAPER_PAGE (pb_paper_page_new ());
      adw_bin_set_child (self->paper_bin, GTK_WIDGET (self->paper_page));
    }

  return self->paper_page;
}

static PbSort
sort_from_nick (const char *nick)
{
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_strcmp0 (nick, sorts[i].nick) == 0)
      return sorts[i].sort;

  return PB_SORT_UPVOTES;
}

static PbSort
current_sort (PbWindow *self)
{
  return sort_from_nick (self->sort_order);
}

/* The trending list has an order of its own: Hugging Face's ranking. */
static gboolean
view_is_sortable (PbView view)
{
  return view != PB_VIEW_TRENDING;
}

static gboolean
view_has_dates (PbView view)
{
  return view == PB_VIEW_DAILY || view == PB_VIEW_WEEKLY || view == PB_VIEW_MONTHLY;
}

void
_pb_window_test_log (PbWindow   *self,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (!self->test_hooks)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line each, flushed: the UI tests read them as they come. */
  printf ("pb-test: %s\n", message);
  fflush (stdout);
}

void
_pb_window_toast (PbWindow   *self,
                  const char *title)
{
  /* libadwaita 1.2 parses toast titles as markup, and a message may
   * quote feed text or a file name: escape it. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _pb_window_test_log (self, "toast %s", title);
}

/* The header: which list, and how fresh */

static void
update_titles (PbWindow *self)
{
  g_autofree char *subtitle = NULL;
  gint64 last_updated = pb_sync_bridge_get_last_updated (self->sync_bridge);
  const char *title;

  if (self->searching)
    title = _("Search");
  else
    title = adw_view_stack_page_get_title (
              adw_view_stack_get_page (self->view_stack, GTK_WIDGET (view_bin (self, self->view))));

  if (pb_sync_bridge_get_busy (self->sync_bridge))
    subtitle = g_strdup (_("Refreshing…"));
  else if (!pb_sync_bridge_get_network_available (self->sync_bridge))
    subtitle = g_strdup (_("Offline"));
  else if (pb_sync_bridge_get_snapshot (self->sync_bridge))
    subtitle = NULL;  /* the banner says where the papers come from */
  else if (last_updated > 0)
    {
      g_autofree char *ago = pb_format_time_ago (last_updated, g_get_real_time () / G_USEC_PER_SEC);

      /* Translators: %s is a time, as in "Updated 5 minutes ago" */
      subtitle = g_strdup_printf (_("Updated %s"), ago);
    }

  adw_window_title_set_title (self->list_title, title);
  if (g_strcmp0 (adw_window_title_get_subtitle (self->list_title), subtitle ? subtitle : "") != 0)
    _pb_window_test_log (self, "subtitle %s", subtitle ? subtitle : "");
  adw_window_title_set_subtitle (self->list_title, subtitle ? subtitle : "");
}

static void
update_banner (PbWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  gboolean online = pb_sync_bridge_get_network_available (self->sync_bridge);

  if (!pb_sync_bridge_get_snapshot (self->sync_bridge))
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }

  date = pb_format_date (pb_sync_bridge_get_snapshot_date (self->sync_bridge), PB_DATE_LONG, NULL);
  if (date != NULL)
    /* Translators: %s is a date, as in "Thursday, 20 August 2026" */
    text = g_strdup_printf (_("These papers came with Paperboy and go up to %s."), date);
  else
    text = g_strdup (_("These papers came with Paperboy."));

  if (!online)
    {
      g_autofree char *more = g_strdup_printf ("%s %s", text,
                                               _("They will be brought up to date when you are online."));
      g_free (text);
      text = g_steal_pointer (&more);
    }

  gtk_label_set_text (self->banner_label, text);
  gtk_widget_set_visible (self->banner_button, online);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
update_sync_state (PbWindow *self)
{
  gboolean busy = pb_sync_bridge_get_busy (self->sync_bridge);

  gtk_stack_set_visible_child_name (self->refresh_stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !busy);
  update_titles (self);
  update_banner (self);
}

static gboolean
on_clock_tick_cb (gpointer user_data)
{
  update_titles (user_data);
  return G_SOURCE_CONTINUE;
}

/* The date bar */

static void
update_daily_empty_page (PbWindow *self)
{
  PbPaperListModel *model = self->models[PB_VIEW_DAILY];
  PbPaperList *list = _pb_window_peek_list (self, PB_VIEW_DAILY);

  if (list == NULL)
    return;

  if (pb_paper_list_model_get_resolved_date (model) == NULL)
    g_object_set (list,
                  "empty-title", _("No Daily Lists Yet"),
                  "empty-description", _("Refresh to fetch the latest papers from Hugging Face."),
                  NULL);
  else
    g_object_set (list,
                  "empty-title", _("No List on This Day"),
                  "empty-description", _("Hugging Face publishes no list on weekends and holidays. "
                                         "Try the day before."),
                  NULL);
}

static char *
describe_period (PbWindow *self,
                 PbView    view)
{
  PbPaperListModel *model = self->models[view];
  const char *date = pb_paper_list_model_get_resolved_date (model);
  g_autofree char *today = pb_text_today ();

  if (date == NULL)
    return g_strdup (pb_paper_list_model_get_loaded (model) ? _("No lists yet") : "");

  switch (view)
    {
    case PB_VIEW_DAILY:
      return pb_format_date (date, PB_DATE_DAY_TITLE, today);
    case PB_VIEW_WEEKLY:
      return pb_format_week (pb_paper_list_model_get_first_day (model),
                             pb_paper_list_model_get_last_day (model));
    case PB_VIEW_MONTHLY:
      return pb_format_date (date, PB_DATE_MONTH, NULL);
    case PB_VIEW_TRENDING:
    case PB_VIEW_STARRED:
    case PB_N_VIEWS:
    default:
      return NULL;
    }
}

static void
update_date_bar (PbWindow *self)
{
  gboolean shown = view_has_dates (self->view) && !self->searching;
  PbPaperListModel *model = self->models[self->view];
  g_autofree char *label = NULL;
  g_autofree char *long_date = NULL;

  gtk_revealer_set_reveal_child (self->date_revealer, shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-date",
                                 shown && pb_paper_list_model_get_previous_date (model) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-date",
                                 shown && pb_paper_list_model_get_next_date (model) != NULL);
  if (!shown)
    return;

  label = describe_period (self, self->view);
  gtk_menu_button_set_label (self->date_button, label ? label : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_button),
                            pb_paper_list_model_get_resolved_date (model) != NULL);

  /* "Today" and "Thu 20 August" say which day; screen readers get the
   * full date. */
  if (self->view == PB_VIEW_DAILY)
    long_date = pb_format_date (pb_paper_list_model_get_resolved_date (model), PB_DATE_LONG, NULL);
  else
    long_date = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  long_date && *long_date ? long_date : _("Choose a day"), -1);
  if (self->view == PB_VIEW_DAILY)
    update_daily_empty_page (self);
}

typedef struct
{
  int  year;
  int  month;   /* 1-12 */
} MonthRequest;

static gpointer
read_list_days_thread (PbStore       *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  MonthRequest *month = data;
  g_autofree char *date = g_strdup_printf ("%04d-%02d-00", month->year, month->month);
  g_autofree char *prefix = g_strdup_printf ("%04d-%02d-", month->year, month->month);
  GArray *days = g_array_new (FALSE, FALSE, sizeof (guint));

  /* At most 31 index lookups. */
  for (;;)
    {
      g_autofree char *next = pb_store_dup_next_list_date (store, date, 1, error);
      guint day;

      if (next == NULL || !g_str_has_prefix (next, prefix))
        break;
      day = atoi (next + 8);
      g_array_append_val (days, day);
      g_free (date);
      date = g_steal_pointer (&next);
    }

  return days;
}

static void
on_list_days_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GArray) days = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, NULL);

  if (days == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  gtk_calendar_clear_marks (self->calendar);
  for (guint i = 0; i < days->len; i++)
    gtk_calendar_mark_day (self->calendar, g_array_index (days, guint, i));

  if (self->test_hooks)
    {
      g_autoptr(GString) marked = g_string_new (NULL);

      for (guint i = 0; i < days->len; i++)
        g_string_append_printf (marked, "%s%u", i ? "," : "", g_array_index (days, guint, i));
      _pb_window_test_log (self, "calendar marks %s", marked->str);
    }
}

static void
mark_list_days (PbWindow *self)
{
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (self->calendar);
  MonthRequest *month = g_new0 (MonthRequest, 1);

  month->year = g_date_time_get_year (shown);
  month->month = g_date_time_get_month (shown);
  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_USER, read_list_days_thread,
                             month, g_free, (GDestroyNotify)g_array_unref, self->cancellable,
                             on_list_days_read_cb, g_object_ref (self));
}

static void
on_calendar_shown_cb (PbWindow *self)
{
  const char *date = pb_paper_list_model_get_resolved_date (self->models[self->view]);
  g_autoptr(GDateTime) day = pb_format_parse_date (date);

  if (day != NULL)
    {
      /* Selecting a day programmatically emits day-selected too. */
      g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_calendar_select_day (self->calendar, day);
      g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
  mark_list_days (self);
}

static gboolean
on_calendar_month_idle_cb (gpointer user_data)
{
  PbWindow *self = user_data;

  self->calendar_source = 0;
  mark_list_days (self);
  return G_SOURCE_REMOVE;
}

static void
on_calendar_month_cb (PbWindow *self)
{
  /* Month and year change together: read the days once. */
  gtk_calendar_clear_marks (self->calendar);
  if (self->calendar_source == 0)
    self->calendar_source = g_idle_add (on_calendar_month_idle_cb, self);
}

static void
on_calendar_day_selected_cb (PbWindow *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

  gtk_popover_popdown (self->calendar_popover);
  _pb_window_go_to_date (self, date);
}

/* Views */

static void
view_query (PbView       view,
            PbSort       sort,
            const char  *date,
            PbListQuery *query)
{
  query->scope = views[view].scope;
  query->date = date;
  query->sort = view_is_sortable (view) ? sort : PB_SORT_DEFAULT;
  query->filter = views[view].filter;
}

static void
query_view (PbWindow   *self,
            PbView      view,
            const char *date)
{
  PbListQuery query;

  view_query (view, current_sort (self), date, &query);
  self->view_loaded[view] = TRUE;
  pb_paper_list_model_set_query (self->models[view], &query);
}

static PbView
settings_view (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "last-view");
  PbView view;

  return _pb_window_view_from_name (name, &view) ? view : PB_VIEW_DAILY;
}

/**
 * pb_window_prepare_first_list:
 *
 * Starts reading the list the window will open on (the last view), so
 * that the database works while GTK starts; give it to pb_window_new().
 * GTK-free: call it before the application's startup chains up.
 *
 * Returns: (transfer full): the list of the last view, being read
 */
PbPaperListModel *
pb_window_prepare_first_list (GSettings     *settings,
                              PbStoreWorker *worker)
{
  g_autofree char *sort = g_settings_get_string (settings, "sort-order");
  PbPaperListModel *model = pb_paper_list_model_new (worker);
  PbListQuery query;

  view_query (settings_view (settings), sort_from_nick (sort), NULL, &query);
  pb_paper_list_model_set_query (model, &query);
  return model;
}

/**
 * _pb_window_go_to_date:
 *
 * Shows the day, week or month of @date in the current view.
 */
void
_pb_window_go_to_date (PbWindow   *self,
                       const char *date)
{
  if (!view_has_dates (self->view) || date == NULL)
    return;

  query_view (self, self->view, date);
  _pb_window_test_log (self, "date %s %s", views[self->view].name, date);
}

static void
update_switcher (PbWindow *self)
{
  /* The list pane is too narrow for a switcher in its header: the views
   * are always at its foot, except while searching all of them. */
  adw_view_switcher_bar_set_reveal (self->switcher_bar, !self->searching);
}

/* The user sees the list a notification told about (the trending list,
 * or the daily list of the latest day): the notification has done its job.
 * Notifications are withdrawn by id; with GNOME Shell's
 * org.gtk.Notifications (or the portal) that takes the background
 * service's too, which carry the same app id, while a freedesktop.org
 * server only lets a process withdraw what it sent itself. */
static void
withdraw_seen_notifications (PbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  PbPaperListModel *daily = self->models[PB_VIEW_DAILY];
  g_autofree char *key = NULL;
  const char *id = NULL;

  if (app == NULL || self->searching)
    return;

  if (self->view == PB_VIEW_TRENDING)
    id = PB_NOTICE_NEW_TRENDING;
  else if (self->view == PB_VIEW_DAILY && pb_paper_list_model_get_loaded (daily) &&
           pb_paper_list_model_get_resolved_date (daily) != NULL &&
           pb_paper_list_model_get_next_date (daily) == NULL)
    id = PB_NOTICE_NEW_DAILY;
  if (id == NULL)
    return;

  /* Once for each list shown, not on every change of the model. */
  key = g_strdup_printf ("%s %s", id, self->view == PB_VIEW_DAILY
                                      ? pb_paper_list_model_get_resolved_date (daily) : "");
  if (g_strcmp0 (key, self->withdrawn) == 0)
    return;
  g_free (self->withdrawn);
  self->withdrawn = g_steal_pointer (&key);

  g_application_withdraw_notification (G_APPLICATION (app), id);
  _pb_window_test_log (self, "withdraw %s", id);
}

static void
on_view_changed_cb (PbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  PbView view;

  if (!_pb_window_view_from_name (name, &view))
    return;

  self->view = view;
  _pb_window_get_list (self, view);
  if (!self->view_loaded[view])
    query_view (self, view, NULL);
  else if (pb_paper_list_model_get_stale (self->models[view]))
    pb_paper_list_model_refresh (self->models[view]);

  g_settings_set_string (self->settings, "last-view", name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sort-order", view_is_sortable (view));
  update_titles (self);
  update_date_bar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  _pb_window_test_log (self, "view %s", name);
  withdraw_seen_notifications (self);
}

void
_pb_window_set_view (PbWindow *self,
                     PbView    view)
{
  g_return_if_fail (view < PB_N_VIEWS);

  if (self->searching)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, views[view].name);
}

static void
on_model_changed_cb (PbWindow *self)
{
  update_date_bar (self);
  withdraw_seen_notifications (self);

  /* At start, the keyboard goes to the rows (not the refresh button)
   * once there are some. */
  if (!self->focused_list &&
      g_list_model_get_n_items (G_LIST_MODEL (self->models[self->view])) > 0 &&
      pb_paper_list_focus_list (_pb_window_get_list (self, self->view)))
    self->focused_list = TRUE;
}

static void
log_model_loaded (PbWindow         *self,
                  GParamSpec       *pspec,
                  PbPaperListModel *model)
{
  PbView view;

  for (view = 0; view < PB_N_VIEWS && self->models[view] != model; view++)
    ;
  if (view == PB_N_VIEWS || pb_paper_list_model_get_loading (model))
    return;

  _pb_window_test_log (self, "list %s date=%s papers=%u", views[view].name,
                       pb_paper_list_model_get_resolved_date (model) ?: "-",
                       g_list_model_get_n_items (G_LIST_MODEL (model)));
}

static void
on_model_error_cb (PbWindow         *self,
                   GParamSpec       *pspec,
                   PbPaperListModel *model)
{
  const char *message = pb_paper_list_model_get_error_message (model);
  g_autofree char *title = NULL;

  if (message == NULL)
    return;

  /* Nothing could be read at all (a database from a newer Paperboy, not a
   * database, no room): a page that says so, not a toast over nothing. */
  if (model == self->models[self->view] && !pb_paper_list_model_get_loaded (model))
    {
      /* Set here: drawing the icon at start-up would load an SVG renderer. */
      adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      _pb_window_test_log (self, "error %s", message);
      return;
    }

  /* Translators: %s says why, e.g. "the database is busy" */
  title = g_strdup_printf (_("Cannot read the papers: %s"), message);
  _pb_window_toast (self, title);
}

static void
setup_models (PbWindow *self)
{
  for (guint i = 0; i < PB_N_VIEWS; i++)
    {
      if (i == settings_view (self->settings) && self->first_list != NULL)
        {
          self->models[i] = g_steal_pointer (&self->first_list);
          self->view_loaded[i] = TRUE;
        }
      else
        self->models[i] = pb_paper_list_model_new (self->worker);
      g_signal_connect_object (self->models[i], "notify::resolved-date",
                               G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->models[i], "notify::previous-date",
                               G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->models[i], "notify::next-date",
                               G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->models[i], "notify::loaded",
                               G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->models[i], "notify::loading",
                               G_CALLBACK (log_model_loaded), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->models[i], "notify::n-items",
                               G_CALLBACK (log_model_loaded), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->models[i], "notify::error-message",
                               G_CALLBACK (on_model_error_cb), self, G_CONNECT_SWAPPED);
    }
}

/**
 * _pb_window_update_header:
 *
 * Search started or stopped: the title, date bar and view switcher follow.
 */
void
_pb_window_update_header (PbWindow *self)
{
  update_switcher (self);
  update_titles (self);
  update_date_bar (self);
}

/* Refreshing */

/**
 * _pb_window_refresh_lists:
 *
 * The database changed: read again what is shown (keeping rows, scroll
 * position and the open paper), and mark the rest to be read when shown.
 */
void
_pb_window_refresh_lists (PbWindow *self)
{
  for (guint i = 0; i < PB_N_VIEWS; i++)
    {
      if (!self->view_loaded[i])
        continue;
      if (i == self->view)
        pb_paper_list_model_refresh (self->models[i]);
      else
        pb_paper_list_model_invalidate (self->models[i]);
    }

  if (self->search_model != NULL && self->searching)
    pb_search_model_refresh (self->search_model);

  pb_sync_bridge_update_status (self->sync_bridge);
  _pb_window_reload_open_paper (self);
  _pb_window_test_log (self, "refreshed");
}

static void
on_store_changed_cb (PbWindow *self)
{
  _pb_window_refresh_lists (self);
}

/* Leaflet */

static void
on_leaflet_folded_cb (PbWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean showing_paper;

  /* Side by side, the list keeps a column's width and the paper takes the
   * rest; folded, the list has the whole window. */
  adw_clamp_set_maximum_size (self->list_clamp, folded ? G_MAXINT / 2 : LIST_WIDTH);
  adw_clamp_set_tightening_threshold (self->list_clamp, folded ? G_MAXINT / 2 : LIST_WIDTH);

  /* Folded with nothing to read: show the list. */
  if (folded && self->open_id == NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_clamp));

  showing_paper = adw_leaflet_get_visible_child (self->leaflet) == self->paper_pane;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", folded && showing_paper);

  /* Back to the list on a folded window (the back button, Alt+Left, a
   * swipe: the leaflet handles those itself): the keyboard goes back to
   * the rows. */
  if (folded && !showing_paper && self->showing_paper)
    pb_paper_list_focus_list (self->searching ? _pb_window_get_search_list (self)
                                              : _pb_window_get_list (self, self->view));
  if (self->showing_paper != showing_paper || self->folded != folded)
    _pb_window_test_log (self, "pane %s folded=%d", showing_paper ? "paper" : "list", folded);
  self->showing_paper = showing_paper;
  self->folded = folded;
}

/* Size and settings */

static void
restore_size (PbWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
pb_window_close_request (GtkWindow *window)
{
  PbWindow *self = PB_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  /* A sync the window started ends with it (the service syncs in the
   * background). */
  pb_sync_bridge_cancel (self->sync_bridge);

  return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
}

static void
set_sort_order (PbWindow   *self,
                const char *sort_order)
{
  if (g_strcmp0 (self->sort_order, sort_order) == 0)
    return;

  g_free (self->sort_order);
  self->sort_order = g_strdup (sort_order);

  /* Read the lists again in the new order, each on the day it shows. */
  if (self->models[0] != NULL)
    for (guint i = 0; i < PB_N_VIEWS; i++)
      if (self->view_loaded[i] && view_is_sortable (i))
        query_view (self, i, pb_paper_list_model_get_resolved_date (self->models[i]));

  _pb_window_test_log (self, "sort %s", sort_order);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
}

/* GObject */

static void
pb_window_constructed (GObject *object)
{
  PbWindow *self = (PbWindow *)object;
  PbView view;

  G_OBJECT_CLASS (pb_window_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  g_assert (self->worker != NULL);

  self->sync_bridge = pb_sync_bridge_new (self->worker, g_network_monitor_get_default (),
                                          self->settings);
  g_signal_connect_object (self->sync_bridge, "notify",
                           G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
  self->store_monitor = pb_store_monitor_new (self->worker);
  g_signal_connect_object (self->store_monitor, "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  setup_models (self);
  g_settings_bind (self->settings, "sort-order", self, "sort-order", G_SETTINGS_BIND_DEFAULT);
  restore_size (self);

  view = settings_view (self->settings);

  /* The view stack shows its first page already: make sure the handler
   * runs for the view we show, whichever it is. */
  adw_view_stack_set_visible_child_name (self->view_stack, views[view].name);
  on_view_changed_cb (self);

  update_sync_state (self);
  _pb_window_update_paper_actions (self);
  on_leaflet_folded_cb (self);
  self->clock_source = g_timeout_add_seconds (60, on_clock_tick_cb, self);

  if (g_getenv ("PAPERBOY_BENCH_FIRST_FRAME") != NULL)
    _pb_window_bench_start (self);
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_handle_id (&self->calendar_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  for (guint i = 0; i < PB_N_VIEWS; i++)
    g_clear_object (&self->models[i]);
  g_clear_object (&self->search_model);
  g_clear_object (&self->store_monitor);
  g_clear_object (&self->sync_bridge);
  if (self->search_worker != NULL)
    pb_store_worker_shutdown (self->search_worker);
  g_clear_object (&self->search_worker);
  g_clear_object (&self->worker);
  g_clear_object (&self->first_list);
  g_clear_object (&self->settings);
  g_clear_object (&self->open_paper);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_finalize (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_free (self->open_id);
  g_free (self->asked_id);
  g_free (self->withdrawn);
  g_free (self->sort_order);
  g_strfreev (self->bench_queries);

  G_OBJECT_CLASS (pb_window_parent_class)->finalize (object);
}

static void
pb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;
    case PROP_FIRST_LIST:
      g_value_set_object (value, self->first_list);
      break;
    case PROP_VIEW:
      g_value_set_string (value, views[self->view].name);
      break;
    case PROP_SORT_ORDER:
      g_value_set_string (value, self->sort_order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbWindow *self = PB_WINDOW (object);
  PbView view;

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;
    case PROP_FIRST_LIST:
      self->first_list = g_value_dup_object (value);
      break;
    case PROP_VIEW:
      if (_pb_window_view_from_name (g_value_get_string (value), &view))
        _pb_window_set_view (self, view);
      break;
    case PROP_SORT_ORDER:
      set_sort_order (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_window_constructed;
  object_class->dispose = pb_window_dispose;
  object_class->finalize = pb_window_finalize;
  object_class->get_property = pb_window_get_property;
  object_class->set_property = pb_window_set_property;
  window_class->close_request = pb_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, PB_TYPE_STORE_WORKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_LIST] =
    g_param_spec_object ("first-list", NULL, NULL, PB_TYPE_PAPER_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "daily",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL, "upvotes",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PB_TYPE_PAPER_LIST);
  g_type_ensure (PB_TYPE_PAPER_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paperboy/Paperboy/ui/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, list_clamp);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, list_header);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, date_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, date_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, calendar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, daily_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, weekly_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, monthly_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, trending_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, starred_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_count_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, paper_pane);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, paper_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, paper_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, paper_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);

  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);

  _pb_window_class_add_search (widget_class);
  _pb_window_class_add_actions (widget_class);
}

static gboolean
on_test_key_pressed_cb (PbWindow        *self,
                        guint            keyval,
                        guint            keycode,
                        GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  _pb_window_test_log (self, "key %s focus=%s", gdk_keyval_name (keyval) ?: "?",
                       focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none");
  return GDK_EVENT_PROPAGATE;
}

static void
pb_window_init (PbWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->sort_order = g_strdup ("upvotes");
  self->test_hooks = g_getenv ("PAPERBOY_TEST_HOOKS") != NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The entry is inside a clamp, not the bar's direct child. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  _pb_window_add_paper_keys (self);
  update_switcher (self);

  if (self->test_hooks)
    {
      /* Which keys arrive, and where the focus is: a UI test that waits in
       * vain for a key to act says whether the key came at all. */
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_test_key_pressed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (self), keys);
    }

#ifdef DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * pb_window_new:
 * @application: the application
 * @settings: the application's settings
 * @worker: the database worker for lists, papers and stars
 * @first_list: (nullable): from pb_window_prepare_first_list()
 */
PbWindow *
pb_window_new (PbApplication    *application,
               GSettings        *settings,
               PbStoreWorker    *worker,
               PbPaperListModel *first_list)
{
  PbWindow *self = g_object_new (PB_TYPE_WINDOW,
                                 "application", application,
                                 "settings", settings,
                                 "worker", worker,
                                 "first-list", first_list,
                                 NULL);

  pb_sync_bridge_set_application (self->sync_bridge, G_APPLICATION (application));

  /* A start-up measurement is of the window alone. */
  if (g_getenv ("PAPERBOY_BENCH_FIRST_FRAME") == NULL)
    _pb_window_refresh_if_stale (self);

  return self;
}

/**
 * pb_window_refresh:
 *
 * Brings the papers up to date, as the refresh button does.
 */
void
pb_window_refresh (PbWindow *self)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  _pb_window_refresh (self);
}

/**
 * pb_window_show_view:
 * @name: daily, weekly, monthly, trending or starred
 *
 * Returns: %FALSE if there is no such view
 */
gboolean
pb_window_show_view (PbWindow   *self,
                     const char *name)
{
  PbView view;

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  if (!_pb_window_view_from_name (name, &view))
    return FALSE;

  _pb_window_set_view (self, view);
  return TRUE;
}

/**
 * pb_window_open_paper_by_id:
 * @id: an arXiv id
 *
 * Opens the paper if Paperboy has it; says so in a toast otherwise.
 */
void
pb_window_open_paper_by_id (PbWindow   *self,
                            const char *id)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  _pb_window_open_paper_id (self, id);
}
