/* pb-application.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-background.h"
#include "pb-preferences-window.h"
#include "pb-store-worker.h"
#include "pb-window.h"

/**
 * PbApplication:
 *
 * The window's application: single instance (a second `paperboy` activates
 * the first through D-Bus), owner of the settings and of the database
 * worker the window reads through.
 *
 * Command line (handled by the running instance, so a second launch
 * presents the first window): `paperboy ARXIV_ID`, `paperboy
 * https://huggingface.co/papers/ID` or `paperboy https://arxiv.org/abs/IDvN`
 * open that paper (fetched from Hugging Face when Paperboy does not have
 * it); `paperboy --refresh` refreshes (the launcher's "Refresh Now", which
 * D-Bus activation sends as `app.refresh`). Addresses given to the
 * launcher through org.freedesktop.Application.Open open the same way.
 *
 * At the first window, when `background-refresh` is on but the service is
 * not running (killed, or never started from the build tree), it is
 * started as the preferences' switch does (pb-background.c). Closing the
 * window never stops it.
 *
 * Application actions, also reachable over D-Bus (org.gtk.Actions) as
 * issue 6's notifications and the UI tests use them:
 *  - `app.open-paper` (s): open the paper with that arXiv id (or address);
 *  - `app.refresh`: bring the papers up to date;
 *  - `app.show-view` (s): daily, weekly, monthly, trending or starred;
 *  - `app.about`, `app.preferences` (Ctrl+,), `app.quit` (Ctrl+Q).
 *
 * With PAPERBOY_TEST_HOOKS set, the UI tests also get `app.test-screenshot`
 * (s: a PNG path), `app.test-style` (s: light, dark or default) and
 * `app.test-resize` ((ii): width and height), and the window prints what
 * it does as "pb-test:" lines.
 */

#define SCHEMA_ID "io.github.paperboy.Paperboy"

struct _PbApplication
{
  AdwApplication  parent_instance;

  GSettings        *settings;
  PbStoreWorker    *worker;
  PbPaperListModel *first_list;  /* (nullable): until the first window takes it */
  gboolean          checked_background;
};

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

static void
on_background_started_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pb_background_start_finish (result, &error))
    g_warning ("Cannot start the background refresh: %s", error->message);
}

/* Background refresh is on, so a service should be running: start it if
 * it is not. */
static gboolean
check_background_cb (gpointer user_data)
{
  PbApplication *self = PB_APPLICATION (user_data);

  if (!g_settings_get_boolean (self->settings, "background-refresh"))
    g_debug ("Background refresh is off");
  else if (pb_background_is_running (pb_store_worker_get_path (self->worker)))
    g_debug ("The background service is running");
  else
    {
      g_debug ("Background refresh is on, but the service is not running: starting it");
      pb_background_start_async (NULL, on_background_started_cb, NULL);
    }

  return G_SOURCE_REMOVE;
}

static PbWindow *
ensure_window (PbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr(PbPaperListModel) first_list = g_steal_pointer (&self->first_list);

      window = GTK_WINDOW (pb_window_new (self, self->settings, self->worker, first_list));
    }

  /* After the first frame's work: nothing here is urgent. */
  if (!self->checked_background && g_getenv ("PAPERBOY_BENCH_FIRST_FRAME") == NULL)
    {
      self->checked_background = TRUE;
      g_idle_add_full (G_PRIORITY_LOW, check_background_cb, g_object_ref (self), g_object_unref);
    }

  return PB_WINDOW (window);
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PbWindow *window = ensure_window (PB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  pb_window_refresh (window);
}

static int
pb_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  PbApplication *self = PB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **papers = NULL;
  gboolean refresh = FALSE;
  PbWindow *window;

  g_variant_dict_lookup (options, "refresh", "b", &refresh);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &papers);

  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (refresh)
    pb_window_refresh (window);
  for (guint i = 0; papers != NULL && papers[i] != NULL; i++)
    pb_window_open_paper_by_id (window, papers[i]);

  return EXIT_SUCCESS;
}

/* Addresses through org.freedesktop.Application.Open (the launcher is
 * D-Bus activatable). */
static void
pb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PbWindow *window = ensure_window (PB_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      pb_window_open_paper_by_id (window, uri);
    }
}

static void
pb_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (PB_APPLICATION (app))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing (not just quitting) lets each window save its size. */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (l->data);
      g_list_free_1 (l);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PbApplication *self = PB_APPLICATION (user_data);
  static const char *developers[] = { "The Paperboy authors", NULL };
  static const char *data[] = { "Hugging Face Daily Papers https://huggingface.co/papers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Paperboy"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Paperboy authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep up with trending research papers, even offline"),
                        "copyright", "© 2026 The Paperboy authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Papers From"), data);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  pb_application_show_preferences (PB_APPLICATION (user_data));
}

static void
open_paper_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PbWindow *window = ensure_window (PB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  pb_window_open_paper_by_id (window, g_variant_get_string (parameter, NULL));
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PbWindow *window = ensure_window (PB_APPLICATION (user_data));
  const char *name = g_variant_get_string (parameter, NULL);

  gtk_window_present (GTK_WINDOW (window));
  if (!pb_window_show_view (window, name))
    g_warning ("There is no view “%s”: the views are daily, weekly, monthly, trending and "
               "starred", name);
}

/* Test hooks (PAPERBOY_TEST_HOOKS) */

static void
test_screenshot_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer      user_data)
{
  PbWindow *window = ensure_window (PB_APPLICATION (user_data));
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (pb_window_save_screenshot (window, path, &error))
    g_print ("pb-test: screenshot %s\n", path);
  else
    g_print ("pb-test: screenshot-failed %s\n", error->message);
}

static void
test_style_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  const char *style = g_variant_get_string (parameter, NULL);
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (style, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  else if (g_str_equal (style, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  g_print ("pb-test: style %s\n", style);
}

static void
test_resize_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PbWindow *window = ensure_window (PB_APPLICATION (user_data));
  int width, height;

  g_variant_get (parameter, "(ii)", &width, &height);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_print ("pb-test: resize %d %d\n", width, height);
}

static void
pb_application_startup (GApplication *app)
{
  PbApplication *self = PB_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "quit", quit_action },
    { "about", about_action },
    { "preferences", preferences_action },
    { "open-paper", open_paper_action, "s" },
    { "show-view", show_view_action, "s" },
    { "refresh", refresh_action },
  };
  static const GActionEntry test_entries[] = {
    { "test-screenshot", test_screenshot_action, "s" },
    { "test-style", test_style_action, "s" },
    { "test-resize", test_resize_action, "(ii)" },
  };
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const preferences_accels[] = { "<Control>comma", NULL };
  g_autofree char *path = pb_store_dup_default_path ();

  /* Open the database (importing the bundled papers into an empty one)
   * and read the first list on the worker while GTK and libadwaita start
   * up: the answer is waiting when the window is made, and its first
   * frame has the rows. */
  self->worker = pb_store_worker_new (path, TRUE);
  self->settings = g_settings_new (SCHEMA_ID);
  self->first_list = pb_window_prepare_first_list (self->settings, self->worker);

  G_APPLICATION_CLASS (pb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  if (g_getenv ("PAPERBOY_TEST_HOOKS") != NULL)
    g_action_map_add_action_entries (G_ACTION_MAP (app), test_entries,
                                     G_N_ELEMENTS (test_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

static void
pb_application_shutdown (GApplication *app)
{
  PbApplication *self = PB_APPLICATION (app);

  G_APPLICATION_CLASS (pb_application_parent_class)->shutdown (app);

  if (self->worker != NULL)
    pb_store_worker_shutdown (self->worker);
}

static void
pb_application_dispose (GObject *object)
{
  PbApplication *self = PB_APPLICATION (object);

  g_clear_object (&self->first_list);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pb_application_parent_class)->dispose (object);
}

static void
pb_application_class_init (PbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pb_application_dispose;
  app_class->activate = pb_application_activate;
  app_class->command_line = pb_application_command_line;
  app_class->open = pb_application_open;
  app_class->startup = pb_application_startup;
  app_class->shutdown = pb_application_shutdown;
}

static void
pb_application_init (PbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "refresh", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Fetch the latest papers"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[ARXIV-ID|URL…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open a paper by its arXiv id, or its address on "
                                              "Hugging Face or arXiv."));
}

PbApplication *
pb_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN;

  /* A start-up measurement is of a start, not of a message to a running
   * window. */
  if (g_getenv ("PAPERBOY_BENCH_FIRST_FRAME") != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (PB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/paperboy/Paperboy",
                       NULL);
}

/**
 * pb_application_show_preferences:
 *
 * Presents the preferences window, over the active window; only one.
 */
void
pb_application_show_preferences (PbApplication *self)
{
  g_autofree char *store_path = NULL;
  GtkWindow *parent;

  g_return_if_fail (PB_IS_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PB_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }

  store_path = pb_store_dup_default_path ();
  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (pb_preferences_window_new (parent, self->settings,
                                                             store_path)));
}
