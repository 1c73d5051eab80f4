import type { Plugin } from 'vite';

export const BUILD_PLACEHOLDER: string;
export function portalBuildHash(outDir: string): string;
export function portalSwVersion(): Plugin;
