/* pb-store-worker.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store-worker"

#include "config.h"

#include "pb-snapshot.h"
#include "pb-store-worker.h"

/**
 * PbStoreWorker:
 *
 * One thread with its own database connection, answering the window's
 * questions one at a time, most urgent first.
 *
 * The window never reads a list, a count or a search on the main thread:
 * it queues a job here and applies the answer when it comes back. The
 * store is synchronous and not shared between threads, so each worker
 * opens its own connection (WAL lets them read while another process
 * writes). The queue is sorted by priority, so that opening a paper or
 * starring one jumps ahead of rows that are only being prefetched.
 *
 * The connection is opened by the first job, on the thread, so that
 * creating a worker costs nothing on the main thread; a worker created
 * with @ensure_snapshot imports the bundled papers into an empty database.
 * A failed open is retried by the next job.
 */

typedef struct
{
  int                priority;
  guint64            serial;
  PbStoreWorkerFunc  func;      /* NULL: stop the thread */
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
  GTask             *task;      /* (owned) (nullable) */
} Job;

struct _PbStoreWorker
{
  GObject      parent_instance;

  char        *path;
  gboolean     ensure_snapshot;

  GAsyncQueue *queue;           /* (owned) of Job, sorted */
  GThread     *thread;          /* (owned) (nullable) */
  guint64      next_serial;

  /* Only touched on the worker thread. */
  PbStore     *store;
};

G_DEFINE_FINAL_TYPE (PbStoreWorker, pb_store_worker, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Job *ja = a;
  const Job *jb = b;

  if (ja->priority != jb->priority)
    return ja->priority < jb->priority ? -1 : 1;

  return ja->serial < jb->serial ? -1 : (ja->serial > jb->serial);
}

static gboolean
ensure_store (PbStoreWorker  *self,
              GError        **error)
{
  g_autoptr(PbStore) store = NULL;

  if (self->store != NULL)
    return TRUE;

  if ((store = pb_store_open (self->path, error)) == NULL)
    return FALSE;
  if (self->ensure_snapshot && !pb_snapshot_ensure (store, NULL, error))
    return FALSE;

  g_debug ("Opened %s on the worker thread", self->path);
  self->store = g_steal_pointer (&store);
  return TRUE;
}

static void
run_job (PbStoreWorker *self,
         Job           *job)
{
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (job->task))
    return;

  if (!ensure_store (self, &error))
    {
      g_task_return_error (job->task, error);
      return;
    }

  result = job->func (self->store, job->data, cancellable, &error);
  if (error != NULL)
    g_task_return_error (job->task, error);
  else
    g_task_return_pointer (job->task, result, job->result_free);
}

static gpointer
worker_thread (gpointer user_data)
{
  PbStoreWorker *self = user_data;

  for (;;)
    {
      Job *job = g_async_queue_pop (self->queue);

      if (job->func == NULL)
        {
          job_free (job);
          break;
        }

      run_job (self, job);
      job_free (job);
    }

  /* Whatever is still queued will not run. */
  for (Job *job; (job = g_async_queue_try_pop (self->queue)) != NULL; )
    {
      if (job->task != NULL)
        g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "The window is closing");
      job_free (job);
    }

  g_clear_object (&self->store);
  return NULL;
}

static void
push_job (PbStoreWorker *self,
          Job           *job)
{
  job->serial = self->next_serial++;
  g_async_queue_push_sorted (self->queue, job, compare_jobs, NULL);
}

static void
pb_store_worker_finalize (GObject *object)
{
  PbStoreWorker *self = (PbStoreWorker *)object;

  pb_store_worker_shutdown (self);
  g_async_queue_unref (self->queue);
  g_free (self->path);

  G_OBJECT_CLASS (pb_store_worker_parent_class)->finalize (object);
}

static void
pb_store_worker_class_init (PbStoreWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_store_worker_finalize;
}

static void
pb_store_worker_init (PbStoreWorker *self)
{
  self->queue = g_async_queue_new ();
}

/**
 * pb_store_worker_new:
 * @path: the database
 * @ensure_snapshot: import the bundled papers if the database is empty
 *
 * Returns: (transfer full): a worker; its thread starts at once, its
 *   connection with the first job
 */
PbStoreWorker *
pb_store_worker_new (const char *path,
                     gboolean    ensure_snapshot)
{
  PbStoreWorker *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PB_TYPE_STORE_WORKER, NULL);
  self->path = g_strdup (path);
  self->ensure_snapshot = ensure_snapshot;
  self->thread = g_thread_new ("pb-store-worker", worker_thread, self);

  return self;
}

const char *
pb_store_worker_get_path (PbStoreWorker *self)
{
  g_return_val_if_fail (PB_IS_STORE_WORKER (self), NULL);
  return self->path;
}

/**
 * pb_store_worker_run_async:
 * @priority: e.g. %PB_STORE_WORKER_PRIORITY_VISIBLE
 * @func: what to run on the worker thread
 * @data: (transfer full) (nullable): the job's data, freed with @data_free
 * @result_free: (nullable): frees a result nobody took
 *
 * Queues @func. A job cancelled before it starts does not run.
 */
void
pb_store_worker_run_async (PbStoreWorker       *self,
                           int                  priority,
                           PbStoreWorkerFunc    func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GDestroyNotify       result_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Job *job;

  g_return_if_fail (PB_IS_STORE_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->priority = priority;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, pb_store_worker_run_async);

  if (self->thread == NULL)
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               "The database worker has stopped");
      job_free (job);
      return;
    }

  push_job (self, job);
}

/**
 * pb_store_worker_run_finish:
 *
 * Returns: (transfer full) (nullable): the job's result
 */
gpointer
pb_store_worker_run_finish (PbStoreWorker  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (PB_IS_STORE_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pb_store_worker_shutdown:
 *
 * Stops the thread after the job it is running, if any; queued jobs fail
 * with %G_IO_ERROR_CANCELLED. Closes the connection. Safe to call twice.
 */
void
pb_store_worker_shutdown (PbStoreWorker *self)
{
  Job *stop;

  g_return_if_fail (PB_IS_STORE_WORKER (self));

  if (self->thread == NULL)
    return;

  stop = g_new0 (Job, 1);
  stop->priority = G_MININT;
  push_job (self, stop);

  g_thread_join (g_steal_pointer (&self->thread));
}
