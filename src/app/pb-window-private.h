/* pb-window-private.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-paper-list.h"
#include "pb-paper-list-model.h"
#include "pb-paper-page.h"
#include "pb-search-model.h"
#include "pb-store-monitor.h"
#include "pb-store-worker.h"
#include "pb-sync-bridge.h"
#include "pb-window.h"

G_BEGIN_DECLS

typedef enum
{
  PB_VIEW_DAILY,
  PB_VIEW_WEEKLY,
  PB_VIEW_MONTHLY,
  PB_VIEW_TRENDING,
  PB_VIEW_STARRED,
  PB_N_VIEWS
} PbView;

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  AdwClamp             *list_clamp;
  GtkWidget            *list_pane;
  AdwHeaderBar         *list_header;
  GtkStack             *refresh_stack;
  GtkSpinner           *sync_spinner;
  AdwWindowTitle       *list_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkWidget            *banner_button;
  GtkRevealer          *date_revealer;
  GtkMenuButton        *date_button;
  GtkPopover           *calendar_popover;
  GtkCalendar          *calendar;
  GtkStack             *content_stack;
  AdwViewStack         *view_stack;
  AdwBin               *daily_bin;      /* where each view's list goes when first shown */
  AdwBin               *weekly_bin;
  AdwBin               *monthly_bin;
  AdwBin               *trending_bin;
  AdwBin               *starred_bin;
  GtkLabel             *search_count_label;
  AdwBin               *search_bin;
  AdwViewSwitcherBar   *switcher_bar;
  GtkWidget            *paper_pane;
  AdwWindowTitle       *paper_title;
  GtkWidget            *star_button;
  GtkStack             *paper_stack;
  AdwBin               *paper_bin;
  AdwStatusPage        *error_page;

  /* Made when first needed (borrowed: their bins own them) */
  PbPaperList          *lists[PB_N_VIEWS];
  PbPaperList          *search_list;
  PbPaperPage          *paper_page;

  /* Owned */
  GSettings            *settings;
  PbStoreWorker        *worker;
  PbPaperListModel     *first_list;      /* (nullable): until the models are made */
  PbStoreWorker        *search_worker;   /* (nullable): started by the first search */
  PbSyncBridge         *sync_bridge;
  PbStoreMonitor       *store_monitor;
  PbPaperListModel     *models[PB_N_VIEWS];
  PbSearchModel        *search_model;
  GCancellable         *cancellable;
  PbPaper              *open_paper;      /* (nullable): as shown, full once read */
  char                 *open_id;         /* (nullable) */
  char                 *asked_id;        /* (nullable): opened by id, not read yet */
  char                 *sort_order;
  char                 *withdrawn;       /* (nullable): the notification last withdrawn, and where */
  guint                 clock_source;
  guint                 calendar_source;

  /* State */
  PbView                view;
  gboolean              view_loaded[PB_N_VIEWS];
  gboolean              searching;
  gboolean              folded;
  gboolean              focused_list;     /* the first rows got the focus */
  gboolean              showing_paper;    /* the leaflet shows the paper pane */
  gboolean              test_hooks;
  gint64                search_changed_at;  /* monotonic µs: the debounce fired */
  GStrv                 bench_queries;      /* (nullable): PAPERBOY_BENCH_SEARCH */
  guint                 bench_query;
  gint64                bench_model_at;
  double                bench_cpu_at;
  gboolean              bench_waiting;
};

/* pb-window.c */
PbPaperList      *_pb_window_get_list            (PbWindow   *self,
                                                  PbView      view);
PbPaperList      *_pb_window_peek_list           (PbWindow   *self,
                                                  PbView      view);
PbPaperList      *_pb_window_get_search_list     (PbWindow   *self);
PbPaperPage      *_pb_window_get_paper_page      (PbWindow   *self);
const char       *_pb_window_view_name           (PbView      view);
gboolean          _pb_window_view_from_name      (const char *name,
                                                  PbView     *view);
void              _pb_window_set_view            (PbWindow   *self,
                                                  PbView      view);
void              _pb_window_go_to_date          (PbWindow   *self,
                                                  const char *date);
void              _pb_window_refresh_lists       (PbWindow   *self);
void              _pb_window_toast               (PbWindow   *self,
                                                  const char *title);
void              _pb_window_test_log            (PbWindow   *self,
                                                  const char *format,
                                                  ...) G_GNUC_PRINTF (2, 3);

void              _pb_window_update_header       (PbWindow   *self);

/* pb-window-search.c */
void              _pb_window_ensure_search_model (PbWindow   *self);
void              _pb_window_class_add_search    (GtkWidgetClass *widget_class);

/* pb-window-bench.c */
void              _pb_window_bench_start         (PbWindow   *self);

/* pb-window-paper.c */
void              _pb_window_open_paper          (PbWindow   *self,
                                                  PbPaper    *paper);
void              _pb_window_open_paper_id       (PbWindow   *self,
                                                  const char *id);
void              _pb_window_toggle_starred      (PbWindow   *self,
                                                  const char *id);
void              _pb_window_toggle_read         (PbWindow   *self,
                                                  const char *id,
                                                  gboolean    only_unread);
void              _pb_window_reload_open_paper   (PbWindow   *self);
void              _pb_window_update_paper_actions (PbWindow  *self);

/* pb-window-actions.c */
void              _pb_window_refresh             (PbWindow       *self);
void              _pb_window_refresh_if_stale    (PbWindow       *self);
void              _pb_window_class_add_actions   (GtkWidgetClass *widget_class);
void              _pb_window_add_paper_keys      (PbWindow       *self);

G_END_DECLS
