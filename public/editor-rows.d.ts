// Types of public/editor-rows.js for the tests that import it.
export function renumberName(name: string, list: string, index: number): string;
export function renumberIds(value: string, list: string, index: number): string;
export function renumberLabel(text: string, index: number): string;
export function moved(length: number, from: number, to: number): number[];
export function positionMessage(item: string, position: number, count: number): string;
