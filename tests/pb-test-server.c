/* pb-test-server.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-test-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pb-test-server.h"

/*
 * A stand-in for the Hugging Face papers API on 127.0.0.1, on a thread of
 * its own: it serves the real captures in tests/data/hf by date (a date it
 * has no file for is a weekend: `[]`), the trending list and single papers,
 * with ETags and 304s, and misbehaves on request for one list at a time.
 *
 * Lists are keyed "YYYY-MM-DD", "trending" and "paper:ID".
 */

#define HUGE_SIZE (50 * 1024 * 1024)

struct _PbTestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  char         *fixtures_dir;

  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  GHashTable   *lists;        /* key → (owned) char* JSON */
  GHashTable   *faults;       /* key → PbFault */
  GHashTable   *thumbnails;   /* id → GBytes* */
  GHashTable   *requests;     /* key → count */
  GHashTable   *statuses;     /* status → count */
  GPtrArray    *stalled;      /* SoupServerMessage* (owned) */
  guint         n_stalled;
  guint         delay_ms;
  gboolean      validators;
  char         *user_agent;
  GBytes       *huge;
};

static char *
read_fixture (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *data = NULL;

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return NULL;
  return data;
}

static void
load_fixtures (PbTestServer *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->fixtures_dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *data;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      data = read_fixture (self->fixtures_dir, name);
      if (g_str_has_prefix (name, "daily_papers_sort_trending"))
        g_hash_table_insert (self->lists, g_strdup ("trending"), data);
      else if (g_str_has_prefix (name, "daily_papers_") && strlen (name) == 28)
        g_hash_table_insert (self->lists, g_strndup (name + 13, 10), data);
      else if (g_str_has_prefix (name, "paper_"))
        g_hash_table_insert (self->lists,
                             g_strdup_printf ("paper:%.*s", (int)(strlen (name) - 11), name + 6),
                             data);
      else
        g_free (data);
    }
}

static void
count (GHashTable *table,
       gpointer    key,
       gboolean    owned_key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, owned_key ? g_strdup (key) : key, GUINT_TO_POINTER (n + 1));
}

static char *
etag_of (const char *data)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, data, -1);

  return g_strdup_printf ("\"%.16s\"", sum);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, length);
}

static void
serve_fault (PbTestServer      *self,
             SoupServerMessage *msg,
             PbFault            fault,
             const char        *data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize half = data ? strlen (data) / 2 : 1;

  switch (fault)
    {
    case PB_FAULT_500:
      respond (msg, 500, "text/plain", "oops", 4);
      break;
    case PB_FAULT_429:
      soup_message_headers_append (headers, "Retry-After", "120");
      soup_message_headers_append (headers, "RateLimit", "\"api\";r=0;t=90");
      soup_message_headers_append (headers, "RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300");
      respond (msg, 429, "text/plain", "Too Many Requests", 17);
      break;
    case PB_FAULT_503_RATELIMIT:
      soup_message_headers_append (headers, "RateLimit", "\"api\";r=0;t=600");
      respond (msg, 503, "text/plain", "Unavailable", 11);
      break;
    case PB_FAULT_STALL:
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_append (body, SOUP_MEMORY_COPY, data ? data : "[", half);
      g_ptr_array_add (self->stalled, g_object_ref (msg));
      self->n_stalled++;
      break;
    case PB_FAULT_TRUNCATED:
      respond (msg, 200, "application/json", data ? data : "[", half);
      break;
    case PB_FAULT_HUGE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_body_append_bytes (body, self->huge);
      break;
    case PB_FAULT_HUGE_CHUNKED:
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_append_bytes (body, self->huge);
      soup_message_body_complete (body);
      break;
    case PB_FAULT_ERROR_OBJECT:
      respond (msg, 200, "application/json", "{\"error\": \"Invalid date\"}", 25);
      break;
    case PB_FAULT_REDIRECT_LOOP:
      {
        g_autofree char *self_url = g_uri_to_string (soup_server_message_get_uri (msg));

        soup_server_message_set_redirect (msg, 302, self_url);
      }
      break;
    case PB_FAULT_HTML:
      respond (msg, 200, "text/html; charset=utf-8",
               "<html><body>Please log in to the network</body></html>", 54);
      break;
    case PB_FAULT_NOT_A_LIST:
      respond (msg, 200, "application/json", "42", 2);
      break;
    case PB_FAULT_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
serve_list (PbTestServer      *self,
            SoupServerMessage *msg,
            const char        *key,
            gboolean           past_end)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  PbFault fault = GPOINTER_TO_INT (g_hash_table_lookup (self->faults, key));
  const char *data = g_hash_table_lookup (self->lists, key);
  g_autofree char *etag = NULL;

  if (fault == PB_FAULT_NONE)
    fault = GPOINTER_TO_INT (g_hash_table_lookup (self->faults, "*"));
  if (fault != PB_FAULT_NONE)
    {
      serve_fault (self, msg, fault, data);
      return;
    }

  if (data == NULL && g_str_has_prefix (key, "paper:"))
    {
      respond (msg, 404, "application/json", "{\"error\":\"Paper not found\"}", 27);
      return;
    }
  if (data == NULL || past_end)
    data = "[]";

  if (self->validators)
    {
      const char *if_none_match = soup_message_headers_get_one (request_headers, "If-None-Match");

      etag = etag_of (data);
      soup_message_headers_append (headers, "ETag", etag);
      soup_message_headers_append (headers, "Last-Modified", "Mon, 17 Aug 2026 08:00:00 GMT");
      if (g_strcmp0 (if_none_match, etag) == 0)
        {
          soup_server_message_set_status (msg, 304, NULL);
          return;
        }
    }

  soup_message_headers_append (headers, "RateLimit", "\"api\";r=499;t=300");
  respond (msg, 200, "application/json; charset=utf-8", data, strlen (data));
}

static void
serve_thumbnail (PbTestServer      *self,
                 SoupServerMessage *msg,
                 const char        *id)
{
  GBytes *image = g_hash_table_lookup (self->thumbnails, id);

  if (image == NULL)
    {
      respond (msg, 404, "text/plain", "no", 2);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (image, NULL), g_bytes_get_size (image));
}

/* Decides the key of a request and serves it, under the mutex. */
static void
serve (PbTestServer      *self,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query)
{
  const char *date = query ? g_hash_table_lookup (query, "date") : NULL;
  const char *sort = query ? g_hash_table_lookup (query, "sort") : NULL;
  const char *page = query ? g_hash_table_lookup (query, "p") : NULL;
  g_autofree char *key = NULL;

  if (g_str_equal (path, "/api/daily_papers") && g_strcmp0 (sort, "trending") == 0)
    key = g_strdup ("trending");
  else if (g_str_equal (path, "/api/daily_papers") && date != NULL)
    key = g_strdup (date);
  else if (g_str_has_prefix (path, "/api/papers/"))
    key = g_strdup_printf ("paper:%s", path + strlen ("/api/papers/"));
  else if (g_str_has_prefix (path, "/thumbs/") && g_str_has_suffix (path, ".png"))
    {
      g_autofree char *id = g_strndup (path + 8, strlen (path) - 12);

      key = g_strdup_printf ("thumb:%s", id);
      count (self->requests, key, TRUE);
      serve_thumbnail (self, msg, id);
      return;
    }

  if (key == NULL)
    {
      respond (msg, 404, "text/plain", "not here", 8);
      return;
    }

  count (self->requests, key, TRUE);
  serve_list (self, msg, key, page != NULL && atoi (page) > 0);
}

static gboolean
on_delay_done_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  PbTestServer *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  guint delay;

  g_mutex_lock (&self->mutex);
  g_free (self->user_agent);
  self->user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));
  serve (self, msg, path, query);
  count (self->statuses, GUINT_TO_POINTER (soup_server_message_get_status (msg)), FALSE);
  delay = self->delay_ms;
  g_mutex_unlock (&self->mutex);

  if (delay > 0)
    {
      GSource *source = g_timeout_source_new (delay);

      soup_server_message_pause (msg);
      g_source_set_callback (source, on_delay_done_cb, g_object_ref (msg), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static gpointer
server_thread (gpointer user_data)
{
  PbTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "pb-test-server ", NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  if (!soup_server_listen (self->server, address, 0, &error))
    g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->mutex);
  self->url = g_uri_to_string (uris->data);
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_main_loop_run (self->loop);

  g_ptr_array_set_size (self->stalled, 0);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * pb_test_server_new:
 * @fixtures_dir: the folder of the API captures (tests/data/hf)
 *
 * Starts the server; it listens once this returns.
 */
PbTestServer *
pb_test_server_new (const char *fixtures_dir)
{
  PbTestServer *self = g_new0 (PbTestServer, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->fixtures_dir = g_strdup (fixtures_dir);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->faults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)g_bytes_unref);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->statuses = g_hash_table_new (NULL, NULL);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->validators = TRUE;
  load_fixtures (self);

  {
    char *huge = g_malloc (HUGE_SIZE);

    memset (huge, ' ', HUGE_SIZE);
    huge[0] = '[';
    huge[HUGE_SIZE - 1] = ']';
    self->huge = g_bytes_new_take (huge, HUGE_SIZE);
  }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("pb-test-server", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  return self;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
pb_test_server_free (PbTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->lists);
  g_hash_table_unref (self->faults);
  g_hash_table_unref (self->thumbnails);
  g_hash_table_unref (self->requests);
  g_hash_table_unref (self->statuses);
  g_ptr_array_unref (self->stalled);
  g_bytes_unref (self->huge);
  g_free (self->user_agent);
  g_free (self->url);
  g_free (self->fixtures_dir);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
pb_test_server_get_url (PbTestServer *self)
{
  return self->url;
}

/**
 * pb_test_server_set_fault:
 * @key: a list's key, or "*" for every list
 */
void
pb_test_server_set_fault (PbTestServer *self,
                          const char   *key,
                          PbFault       fault)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->faults, g_strdup (key), GINT_TO_POINTER (fault));
  g_mutex_unlock (&self->mutex);
}

void
pb_test_server_set_list (PbTestServer *self,
                         const char   *key,
                         const char   *json)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->lists, g_strdup (key), g_strdup (json));
  g_mutex_unlock (&self->mutex);
}

/**
 * pb_test_server_bump_upvotes:
 *
 * Changes the upvotes of the first paper of a list, as the live API does
 * during the day; the list's ETag changes with it.
 */
void
pb_test_server_bump_upvotes (PbTestServer *self,
                             const char   *key,
                             int           delta)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *paper;

  g_mutex_lock (&self->mutex);
  g_assert_true (json_parser_load_from_data (parser, g_hash_table_lookup (self->lists, key), -1,
                                             NULL));
  paper = json_object_get_object_member (
    json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0),
    "paper");
  json_object_set_int_member (paper, "upvotes",
                              json_object_get_int_member (paper, "upvotes") + delta);
  g_hash_table_replace (self->lists, g_strdup (key),
                        json_to_string (json_parser_get_root (parser), FALSE));
  g_mutex_unlock (&self->mutex);
}

/**
 * pb_test_server_set_delay:
 *
 * Makes every answer wait @delay_ms before it is sent.
 */
void
pb_test_server_set_delay (PbTestServer *self,
                          guint         delay_ms)
{
  g_mutex_lock (&self->mutex);
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->mutex);
}

void
pb_test_server_set_validators (PbTestServer *self,
                               gboolean      enabled)
{
  g_mutex_lock (&self->mutex);
  self->validators = enabled;
  g_mutex_unlock (&self->mutex);
}

/**
 * pb_test_server_add_thumbnail:
 * @broken: serve bytes that are no image at all (with an image type)
 *
 * Serves `/thumbs/ID.png`.
 */
void
pb_test_server_add_thumbnail (PbTestServer *self,
                              const char   *id,
                              gboolean      broken)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  GBytes *image = broken ? g_bytes_new_static ("not a picture", 13)
                         : g_bytes_new_static (png, sizeof png);

  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->thumbnails, g_strdup (id), image);
  g_mutex_unlock (&self->mutex);
}

guint
pb_test_server_get_n_requests (PbTestServer *self,
                               const char   *key)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, key));
  g_mutex_unlock (&self->mutex);

  return n;
}

guint
pb_test_server_get_n_status (PbTestServer *self,
                             guint         status)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->statuses, GUINT_TO_POINTER (status)));
  g_mutex_unlock (&self->mutex);

  return n;
}

guint
pb_test_server_get_n_stalled (PbTestServer *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->n_stalled;
  g_mutex_unlock (&self->mutex);

  return n;
}

char *
pb_test_server_dup_user_agent (PbTestServer *self)
{
  char *agent;

  g_mutex_lock (&self->mutex);
  agent = g_strdup (self->user_agent);
  g_mutex_unlock (&self->mutex);

  return agent;
}

static gboolean
release_cb (gpointer user_data)
{
  PbTestServer *self = user_data;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->stalled->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->stalled, i);

      soup_message_body_complete (soup_server_message_get_response_body (msg));
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (self->stalled, 0);
  g_mutex_unlock (&self->mutex);

  return G_SOURCE_REMOVE;
}

/**
 * pb_test_server_release_stalled:
 *
 * Ends the stalled answers (with what they sent so far).
 */
void
pb_test_server_release_stalled (PbTestServer *self)
{
  g_main_context_invoke (self->context, release_cb, self);
}

void
pb_test_server_reset_counts (PbTestServer *self)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->requests);
  g_hash_table_remove_all (self->statuses);
  self->n_stalled = 0;
  g_mutex_unlock (&self->mutex);
}
