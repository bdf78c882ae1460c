import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ImportJob } from '../../../shared/import.js';
import { importApi, importKeys, isRunning } from './importApi.js';

const POLL_MS = 500;

/**
 * One job, asked again every half second while it is queued or running (its progress bar moves). When a real run
 * ends, the lists it wrote to and the history are asked again.
 */
export function useImportJob(id: number | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.job(id ?? 0),
    enabled: id !== null,
    queryFn: ({ signal }) => importApi.job(id ?? 0, signal),
    refetchInterval: (q) => (isRunning(q.state.data) ? POLL_MS : false),
  });
  const job = query.data;
  const ended = job !== undefined && !isRunning(job);
  const wrote = ended && !job.dryRun;
  useEffect(() => {
    if (!ended) return;
    void queryClient.invalidateQueries({ queryKey: importKeys.jobs(null).slice(0, 2) });
    if (wrote) void queryClient.invalidateQueries({ queryKey: ['records'] });
  }, [ended, wrote, queryClient]);
  return query;
}

/** Cancel and Revert: the answer is the job as it is now; lists and the job's rows are asked again. */
export function useJobAction(action: 'cancel' | 'revert', onDone?: (job: ImportJob) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => importApi[action](id),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.job(job.id), job);
      void queryClient.invalidateQueries({ queryKey: importKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      onDone?.(job);
    },
  });
}
