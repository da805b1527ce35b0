<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArticleView</name>
    <message numerus="yes">
        <source>Correction pending (%n flag(s)): check before quoting it.</source>
        <translation>
            <numerusform>Correction pending (%n flag): check before quoting it.</numerusform><numerusform>Correction pending (%n flags): check before quoting it.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) kept</source>
        <translation>
            <numerusform>%n version kept</numerusform><numerusform>%n versions kept</numerusform></translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message numerus="yes">
        <source>%n step(s) refused by the central store need your decision.</source>
        <translation>
            <numerusform>%n step refused by the central store needs your decision.</numerusform><numerusform>%n steps refused by the central store need your decision.</numerusform></translation>
    </message>
</context>
<context>
    <name>Clocks</name>
    <message numerus="yes">
        <source>%1: overdue %n working day(s)</source>
        <translation>
            <numerusform>%1: overdue %n working day</numerusform><numerusform>%1: overdue %n working days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n working day(s) left</source>
        <translation>
            <numerusform>%1: %n working day left</numerusform><numerusform>%1: %n working days left</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) made</source>
        <translation>
            <numerusform>%n call made</numerusform><numerusform>%n calls made</numerusform></translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message numerus="yes">
        <source>%n event(s) waiting to send</source>
        <translation>
            <numerusform>%n event waiting to send</numerusform><numerusform>%n events waiting to send</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n kept for other users</source>
        <translation>
            <numerusform>%n kept for other users</numerusform><numerusform>%n kept for other users</numerusform></translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message numerus="yes">
        <source>%n past order(s)</source>
        <translation>
            <numerusform>%n past order</numerusform><numerusform>%n past orders</numerusform></translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message numerus="yes">
        <source>%n problem(s) to fix before saving.</source>
        <translation>
            <numerusform>%n problem to fix before saving.</numerusform><numerusform>%n problems to fix before saving.</numerusform></translation>
    </message>
</context>
<context>
    <name>KbSearchBox</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform><numerusform>%n articles</numerusform></translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message numerus="yes">
        <source>%n line(s) not imported:</source>
        <translation>
            <numerusform>%n line not imported:</numerusform><numerusform>%n lines not imported:</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) written.</source>
        <translation>
            <numerusform>%n article written.</numerusform><numerusform>%n articles written.</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n change(s) from other workstations</source>
        <translation>
            <numerusform>%n change from other workstations</numerusform><numerusform>%n changes from other workstations</numerusform></translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message numerus="yes">
        <source>overdue by %n working day(s)</source>
        <translation>
            <numerusform>overdue by %n working day</numerusform><numerusform>overdue by %n working days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform><numerusform>%n working days left</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform><numerusform>%n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform><numerusform>%n hours</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform><numerusform>%n minutes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform><numerusform>%n working days</numerusform></translation>
    </message>
</context>
<context>
    <name>OrderListPage</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform><numerusform>%n orders</numerusform></translation>
    </message>
</context>
<context>
    <name>OrderSummary</name>
    <message numerus="yes">
        <source>%n more caller(s)</source>
        <translation>
            <numerusform>%n more caller</numerusform><numerusform>%n more callers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform><numerusform>%n working days</numerusform></translation>
    </message>
</context>
<context>
    <name>ReportOrdersDialog</name>
    <message numerus="yes">
        <source>%n order(s); double-click one to open it.</source>
        <translation>
            <numerusform>%n order; double-click one to open it.</numerusform><numerusform>%n orders; double-click one to open it.</numerusform></translation>
    </message>
</context>
<context>
    <name>SyncFailures</name>
    <message numerus="yes">
        <source> (try again in %n minute(s))</source>
        <translation>
            <numerusform> (try again in %n minute)</numerusform><numerusform> (try again in %n minutes)</numerusform></translation>
    </message>
</context>
</TS>