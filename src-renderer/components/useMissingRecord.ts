import { useEffect } from 'react';
import { useLocation } from 'wouter';
import type { ApiError } from '../../src-shared/result';
import { notifyApiError } from './apiError';

/**
 * A deep link to a record that no longer exists (or cannot be read): say why and go back to the
 * list. `id` is the record the route asks for, `error` its load's error.
 */
export function useMissingRecord(id: number | null, error: ApiError | null) {
  const [, navigate] = useLocation();
  useEffect(() => {
    if (id !== null && error) {
      notifyApiError(error);
      navigate('/');
    }
  }, [id, error, navigate]);
}
