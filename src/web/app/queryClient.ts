import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../core/api.js';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Lists are paged by cursor: refetching on focus would drop the loaded pages and the scroll position.
      refetchOnWindowFocus: false,
      staleTime: 10_000,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});
