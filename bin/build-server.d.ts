// Types of bin/build-server.js, which is JavaScript so that bin/rapport.js can run it before anything is compiled.
export declare const SERVER_OUTPUT: string;
export declare const SERVER_SOURCES: readonly string[];
export declare function newestIn(target: string): number;
export declare function isStale(output: string, sources: readonly string[]): boolean;
export declare function buildServer(root: string): Promise<void>;
export declare function buildServerIfNeeded(root: string): Promise<boolean>;
