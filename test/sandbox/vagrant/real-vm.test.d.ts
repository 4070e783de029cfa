export declare const TRANSCRIPT: string;
