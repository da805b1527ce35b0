<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../app/views/shell/actions.py" line="69" />
        <source>New intake</source>
        <translation>新建受理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="85" />
        <source>Save intake</source>
        <translation>保存受理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="92" />
        <source>Find order</source>
        <translation>查找工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="99" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="106" />
        <source>Open order by number</source>
        <translation>按工单号打开</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="113" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="120" />
        <source>Go to intake</source>
        <translation>转到受理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="126" />
        <source>Go to orders</source>
        <translation>转到工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="132" />
        <source>Go to knowledge base</source>
        <translation>转到知识库</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="138" />
        <source>Go to reports</source>
        <translation>转到报表</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="140" />
        <source>Appeal analysis reports</source>
        <translation>诉求分析报表</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="145" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="171" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="71" />
        <source>Start recording a new call</source>
        <translation>开始记录新来电</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="76" />
        <source>Held intakes</source>
        <translation>挂起的受理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="78" />
        <source>Choose a held intake (set aside by F2 or a new call); Enter resumes it</source>
        <translation>选择挂起的受理（F2 或新来电时挂起），回车继续受理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="87" />
        <source>Record the appeal and issue its order number</source>
        <translation>记录诉求并生成工单号</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="94" />
        <source>Search the order list</source>
        <translation>搜索工单列表</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="101" />
        <source>Search the knowledge base from anywhere</source>
        <translation>在任意界面搜索知识库</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="108" />
        <source>Open an order by the number the caller reads out</source>
        <translation>按来电人报出的工单号打开工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="115" />
        <source>Reload the current screen</source>
        <translation>重新载入当前界面</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="147" />
        <source>Send and fetch changes now</source>
        <translation>立即发送并获取更新</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="152" />
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="154" />
        <source>Sign in to the central store</source>
        <translation>登录中心服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="159" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="161" />
        <source>Sign out and forget the saved sign-in</source>
        <translation>退出登录并清除保存的登录凭据</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="166" />
        <source>Go to refused steps</source>
        <translation>转到被拒操作</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="168" />
        <source>Steps the central store refused, waiting for a decision</source>
        <translation>中心服务器拒绝的操作，等待处理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="175" />
        <source>Go to dispatch</source>
        <translation>转到派单审核</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="181" />
        <source>Go to unit work</source>
        <translation>转到承办工作</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="187" />
        <source>Go to follow-up calls</source>
        <translation>转到回访</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="193" />
        <source>Go to drills</source>
        <translation>转到知识库练习</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="195" />
        <source>Drill on the knowledge base</source>
        <translation>按真实来电练习查找知识库</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="200" />
        <source>Go to drill dashboard</source>
        <translation>转到练习看板</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="202" />
        <source>Trainees' figures and drill sets</source>
        <translation>学员成绩与练习题组</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="207" />
        <source>Answer drill</source>
        <translation>提交练习答案</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="209" />
        <source>Answer the drill scenario; once answered, go to the next one</source>
        <translation>提交本题答案；已作答时进入下一题</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="216" />
        <source>Export drill figures</source>
        <translation>导出练习成绩</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="218" />
        <source>Save the drill dashboard's figures as CSV</source>
        <translation>将练习看板的数据保存为 CSV</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="223" />
        <source>Go to the knowledge-base queue</source>
        <translation>转到知识库审核</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="225" />
        <source>Proposals, flags and expiring articles</source>
        <translation>修订提议、纠错和即将到期的文章</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="230" />
        <source>Approve proposal</source>
        <translation>通过提议</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="232" />
        <source>Publish the proposed article as its next version</source>
        <translation>将提议的文章发布为新版本</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="237" />
        <source>Return proposal</source>
        <translation>退回提议</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="239" />
        <source>Send the proposal back to its unit with a reason</source>
        <translation>写明理由，将提议退回所属单位</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="244" />
        <source>Edit and approve</source>
        <translation>修改后通过</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="246" />
        <source>Publish the proposal with the answer as edited here</source>
        <translation>按此处修改后的答复口径发布</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="251" />
        <source>Resolve flag</source>
        <translation>处理纠错</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="253" />
        <source>Mark a correction flag on the article as dealt with</source>
        <translation>将文章的纠错标为已处理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="258" />
        <source>Flag a correction</source>
        <translation>知识库纠错</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="260" />
        <source>The answer is wrong or outdated: tell its unit and the editor</source>
        <translation>答复口径有误或已过时：告知所属单位和知识库管理员</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="267" />
        <source>Publish drill set</source>
        <translation>发布练习题组</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="269" />
        <source>Send the drill set to every operator through the store</source>
        <translation>通过中心库把练习题组发给每位话务员</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="274" />
        <source>Retire drill set</source>
        <translation>停用练习题组</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="276" />
        <source>Stop drilling the set everywhere; attempts are kept</source>
        <translation>各处停止练习该集，已有练习记录保留</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="281" />
        <source>Switch demo user</source>
        <translation>切换演示身份</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="283" />
        <source>Act as another local demo user (demo workspace only)</source>
        <translation>以另一本地演示身份操作（仅演示工作区）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="288" />
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="290" />
        <source>Dispatch or re-dispatch the selected order</source>
        <translation>派单或改派所选工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="295" />
        <source>Rule on request</source>
        <translation>审批申请</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="297" />
        <source>Rule on a return, extension or unreasonable-appeal request</source>
        <translation>审批退单、延期或不合理诉求申请</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="302" />
        <source>Review reply</source>
        <translation>审核答复</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="304" />
        <source>Approve the unit's reply or send it back</source>
        <translation>通过承办单位的答复或退回重办</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="309" />
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="311" />
        <source>Close a reviewed order</source>
        <translation>办结已审核的工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="316" />
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="318" />
        <source>Urge the unit on an overdue order</source>
        <translation>对超期工单督办承办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="323" />
        <source>Merge</source>
        <translation>并单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="325" />
        <source>Merge the selected order into the order it repeats</source>
        <translation>将所选工单并入其重复的工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="330" />
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="332" />
        <source>Sign for the selected order</source>
        <translation>签收所选工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="337" />
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="339" />
        <source>Reply with what was done</source>
        <translation>答复办理情况</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="344" />
        <source>Ask for extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="346" />
        <source>Ask the centre for more working days</source>
        <translation>向热线中心申请延长办理时限</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="351" />
        <source>Return</source>
        <translation>退单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="353" />
        <source>Return the order to the centre with a reason</source>
        <translation>说明理由，将工单退回热线中心</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="358" />
        <source>Unreasonable appeal</source>
        <translation>不合理诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="360" />
        <source>Apply to mark the appeal unreasonable</source>
        <translation>申请认定为不合理诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="365" />
        <source>Record call</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="367" />
        <source>Record the follow-up call</source>
        <translation>记录回访结果</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="372" />
        <source>Reopen</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="374" />
        <source>Send the order back to its unit for handling again</source>
        <translation>退回承办单位重新办理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="379" />
        <source>Show full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="381" />
        <source>Show the caller's full number to call back (each time is recorded)</source>
        <translation>显示来电人完整号码以便回拨（每次查看均留记录）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="388" />
        <source>Attach caller</source>
        <translation>并入已有工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="390" />
        <source>Attach this caller to the selected earlier order instead of a new one</source>
        <translation>将本次来电人并入所选的已有工单，不新建工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="397" />
        <source>Transfer</source>
        <translation>转办</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="399" />
        <source>Record the appeal and transfer it (110/119/120/122, another city, the province)</source>
        <translation>记录诉求并转办（110/119/120/122、外市12345、省热线）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="407" />
        <source>Flag appellant</source>
        <translation>标记诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/actions.py" line="409" />
        <source>Flag the caller of the selected order as malicious or false, with a reason</source>
        <translation>注明理由，将所选工单的诉求人标记为恶意或虚假投诉</translation>
    </message>
</context>
<context>
    <name>ArticleEditDialog</name>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="47" />
        <source>Edit article %1</source>
        <translation>编辑知识 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="64" />
        <source>Expires on</source>
        <translation>失效日期</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="79" />
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="80" />
        <source>&amp;Questions (one per line)</source>
        <translation>常见问法（每行一条）(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="81" />
        <source>Official &amp;answer</source>
        <translation>答复口径(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="82" />
        <source>&amp;Keywords</source>
        <translation>关键词(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="83" />
        <source>&amp;Responsible unit</source>
        <translation>责任单位(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="84" />
        <source>&amp;Category</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="85" />
        <source>&amp;Legal basis</source>
        <translation>政策依据(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/edit_dialog.py" line="86" />
        <source>&amp;Effective from</source>
        <translation>生效日期(&amp;E)</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="159" />
        <source>Choose an article.</source>
        <translation>请选择一条知识。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="170" />
        <source>Expired on %1: check before quoting it.</source>
        <translation>已于 %1 失效：引用前请核实。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/kb/widgets.py" line="182" />
        <source>Correction pending (%n flag(s)): check before quoting it.</source>
        <translation>
            <numerusform>有 %n 条纠错待处理：引用前请核实。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="189" />
        <source>Official answer</source>
        <translation>答复口径</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="193" />
        <source>How callers ask</source>
        <translation>常见问法</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="196" />
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="198" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="201" />
        <source>Legal basis</source>
        <translation>政策依据</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="202" />
        <source>In force</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="203" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="204" />
        <source>Published</source>
        <translation>发布</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="219" />
        <source>by %1</source>
        <translation>撰写：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="221" />
        <source>approved by %1</source>
        <translation>审核：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/kb/widgets.py" line="227" />
        <source>%n version(s) kept</source>
        <translation>
            <numerusform>保留 %n 个版本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="39" />
        <source>Order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="40" />
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="41" />
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="42" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="43" />
        <source>The central store's reason</source>
        <translation>中心服务器给出的原因</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="103" />
        <source>&amp;Send again</source>
        <translation>重新发送(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="104" />
        <source>&amp;Acknowledge</source>
        <translation>已知悉(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="105" />
        <source>Send the step again, e.g. after the order was put right</source>
        <translation>重新发送该操作（例如工单已更正后）</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="107" />
        <source>Keep it in the timeline as refused and take it off this list</source>
        <translation>在办理过程中保留为被拒，并从此列表移除</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/sync/attention_page.py" line="124" />
        <source>%n step(s) refused by the central store need your decision.</source>
        <translation>
            <numerusform>有 %n 个操作被中心服务器拒绝，需要您处理。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/sync/attention_page.py" line="127" />
        <source>Nothing refused: every step reached the central store or waits to be sent.</source>
        <translation>没有被拒的操作：所有操作均已送达中心服务器或正在等待发送。</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <location filename="../../app/views/work/choices.py" line="20" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../app/views/work/choices.py" line="27" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/views/work/choices.py" line="28" />
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>Clocks</name>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="45" />
        <source>dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="46" />
        <source>sign</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="47" />
        <source>reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="57" />
        <source>%1: overdue %2 h</source>
        <translation>%1：超期%2小时</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/work/queue_models.py" line="59" />
        <source>%1: overdue %n working day(s)</source>
        <translation>
            <numerusform>%1：超期%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="64" />
        <source>%1: %2 h left</source>
        <translation>%1：剩%2小时</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/work/queue_models.py" line="66" />
        <source>%1: %n working day(s) left</source>
        <translation>
            <numerusform>%1：剩%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="72" />
        <source>Return request</source>
        <translation>退单待审</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="73" />
        <source>Extension request</source>
        <translation>延期待批</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="74" />
        <source>Unreasonable-appeal application</source>
        <translation>不合理诉求待审</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="114" />
        <source>Order number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="115" />
        <source>Time left</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="116" />
        <source>Closed at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="117" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="118" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="119" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="120" />
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="121" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="122" />
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="123" />
        <source>Caller</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="217" />
        <source>Due %1</source>
        <translation>%1到期</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="251" />
        <source>(confidential)</source>
        <translation>（保密）</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="258" />
        <source>assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="260" />
        <source>supervised</source>
        <translation>已督办</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_models.py" line="262" />
        <source>to reopen</source>
        <translation>待重办</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/work/queue_models.py" line="264" />
        <source>%n call(s) made</source>
        <translation>
            <numerusform>已回访%n次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="38" />
        <source>Workstation %1</source>
        <translation>工位 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="55" />
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="58" />
        <source>● Offline: working locally</source>
        <translation>● 离线：本地工作中</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="59" />
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="60" />
        <source>● Syncing…</source>
        <translation>● 同步中…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="61" />
        <source>● Local only (not signed in)</source>
        <translation>● 仅本地（未登录）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/shell/status_bar.py" line="70" />
        <source>%n event(s) waiting to send</source>
        <translation>
            <numerusform>待发送 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/shell/status_bar.py" line="72" />
        <source>%n kept for other users</source>
        <translation>
            <numerusform>%n 条为其他用户保留（待其登录后发送）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="75" />
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/status_bar.py" line="77" />
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="112" />
        <source>Re-dispatch</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="112" />
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="127" />
        <source>&amp;Suggested</source>
        <translation>建议(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="128" />
        <source>&amp;Lead unit</source>
        <translation>主办单位(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="129" />
        <source>&amp;Assisting</source>
        <translation>协办单位(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="130" />
        <source>&amp;Reason</source>
        <translation>说明(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="132" />
        <source>Re-dispatch (Ctrl+Enter)</source>
        <translation>改派（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="132" />
        <source>Dispatch (Ctrl+Enter)</source>
        <translation>派单（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="151" />
        <source>%1 (dispatch catalogue)</source>
        <translation>%1（派单目录）</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="153" />
        <source>%1 (similar orders went here)</source>
        <translation>%1（同类工单曾派此单位）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/dispatch/dialogs.py" line="155" />
        <source>%n past order(s)</source>
        <translation>
            <numerusform>近期%n件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="158" />
        <source>assisted by %1</source>
        <translation>协办：%1</translation>
    </message>
</context>
<context>
    <name>DispatchPage</name>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="33" />
        <source>Dispatch and review</source>
        <translation>派单审核</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="35" />
        <source>Oldest and most urgent first; overdue at the top.</source>
        <translation>超期置顶，其余按紧急程度和受理先后排列。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="44" />
        <source>&amp;1 To dispatch (%1)</source>
        <translation>&amp;1 待派单（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="45" />
        <source>&amp;2 Requests (%1)</source>
        <translation>&amp;2 待审批（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="46" />
        <source>&amp;3 Replies to review (%1)</source>
        <translation>&amp;3 待审核（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="47" />
        <source>&amp;4 Overdue (%1)</source>
        <translation>&amp;4 超期督办（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="69" />
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="74" />
        <source>Rule on request</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="76" />
        <location filename="../../app/views/dispatch/page.py" line="177" />
        <source>Review reply</source>
        <translation>审核答复</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="77" />
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="78" />
        <location filename="../../app/views/dispatch/page.py" line="201" />
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="79" />
        <source>Merge</source>
        <translation>并单</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="84" />
        <source>Nothing waiting in this queue.</source>
        <translation>此队列暂无工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="98" />
        <source>Suggested lead: %1</source>
        <translation>建议主办单位：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="115" />
        <source>Order %1 dispatched.</source>
        <translation>工单 %1 已派出。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="132" />
        <source>Rule on return</source>
        <translation>退单审核</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="134" />
        <source>&amp;Uphold: re-dispatch</source>
        <translation>同意退单，改派(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="135" />
        <source>Re&amp;fuse: back to the unit</source>
        <translation>不同意，退回原单位办理(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="141" />
        <source>Rule on extension</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="143" />
        <location filename="../../app/views/dispatch/page.py" line="179" />
        <source>&amp;Approve</source>
        <translation>同意(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="144" />
        <source>Re&amp;fuse</source>
        <translation>不同意(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="155" />
        <source>Rule on unreasonable appeal</source>
        <translation>不合理诉求审核</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="157" />
        <source>&amp;Approve: unreasonable</source>
        <translation>认定为不合理诉求(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="158" />
        <source>Re&amp;fuse: keep handling</source>
        <translation>不予认定，继续办理(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="162" />
        <source>Ruling on %1 recorded.</source>
        <translation>工单 %1 的审批已记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="168" />
        <source>contacted</source>
        <translation>已联系诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="168" />
        <source>not contacted</source>
        <translation>未联系诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="169" />
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="169" />
        <source>not resolved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="180" />
        <source>Send &amp;back to the unit</source>
        <translation>退回重办(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="184" />
        <source>Reply to %1 reviewed.</source>
        <translation>工单 %1 的答复已审核。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="192" />
        <source>Order %1 closed; it now waits for the follow-up call.</source>
        <translation>工单 %1 已办结，等待回访。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="205" />
        <source>Due %1, with %2</source>
        <translation>%1到期，承办单位：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="213" />
        <source>This order is overdue; handle and reply at once.</source>
        <translation>该工单已超期，请立即办理并答复。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="214" />
        <source>&amp;Notice</source>
        <translation>督办意见(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="217" />
        <source>Order %1 supervised.</source>
        <translation>工单 %1 已督办。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="237" />
        <source>No order %1 here.</source>
        <translation>本地没有工单 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/page.py" line="243" />
        <source>Order %1 merged.</source>
        <translation>工单 %1 已并单。</translation>
    </message>
</context>
<context>
    <name>DrillPage</name>
    <message>
        <location filename="../../app/views/drills/page.py" line="56" />
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="138" />
        <source>Drill &amp;set:</source>
        <translation>练习题组(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="168" />
        <source>Answer (F9)</source>
        <translation>提交 (F9)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="171" />
        <source>Chosen article:</source>
        <translation>所选知识：</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="173" />
        <source>Appeal &amp;type</source>
        <translation>诉求类型(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="175" />
        <source>Handling &amp;unit</source>
        <translation>承办单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="190" />
        <source>Next scenario (Enter)</source>
        <translation>下一题 (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="208" />
        <source>Category</source>
        <translation>问题分类</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="209" />
        <source>Attempts</source>
        <translation>作答次数</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="210" />
        <source>Right</source>
        <translation>全对</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="211" />
        <source>Accuracy</source>
        <translation>正确率</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="212" />
        <source>Median time</source>
        <translation>用时中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="86" />
        <source>Drill</source>
        <translation>练习</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="87" />
        <source>My progress</source>
        <translation>我的进度</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="286" />
        <source>No drill set yet. A trainer builds one on the drill dashboard.</source>
        <translation>还没有练习题组。培训师可在练习看板中创建。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="289" />
        <source>Nothing to drill in this set.</source>
        <translation>本题组没有可练习的题目。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="291" />
        <source>Nothing is due now; the next review is at %1. Press F9 to practise ahead.</source>
        <translation>当前没有到期的题目，下次复习时间为 %1。按 F9 可提前练习。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="301" />
        <source>Due %1 · new %2 · learning %3 · mastered %4</source>
        <translation>到期 %1 · 新题 %2 · 学习中 %3 · 已掌握 %4</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="391" />
        <source>(none)</source>
        <translation>（未选）</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="395" />
        <source>All right.</source>
        <translation>全部正确。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="399" />
        <source>%1 of 3 right.</source>
        <translation>3 项中答对 %1 项。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="405" />
        <source>Article</source>
        <translation>知识条目</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="411" />
        <source>Appeal type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="417" />
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="419" />
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="424" />
        <source>expected: %1</source>
        <translation>应为：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="430" />
        <source>Time taken: %1 s</source>
        <translation>用时：%1 秒</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="432" />
        <source>slow: this scenario comes back sooner</source>
        <translation>偏慢：本题会更早再次出现</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="460" />
        <source>%1 attempts, %2 right.</source>
        <translation>共作答 %1 次，全对 %2 次。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/page.py" line="464" />
        <source>In set %1: %2 mastered, %3 learning, %4 new, %5 due now.</source>
        <translation>题组“%1”：已掌握 %2，学习中 %3，新题 %4，当前到期 %5。</translation>
    </message>
</context>
<context>
    <name>DrillPublishing</name>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="35" />
        <source>Drill set published</source>
        <translation>练习题组已发布</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="36" />
        <source>%1 scenario(s) of “%2” go to every operator at the next sync.</source>
        <translation>“%2”的 %1 道练习题将在下次同步时发给每位话务员。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="45" />
        <source>Not published</source>
        <translation>未能发布</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="55" />
        <source>Retire drill set</source>
        <translation>停用练习题组</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="56" />
        <source>Stop drilling “%1” everywhere? Attempts already made are kept.</source>
        <translation>各处停止练习“%1”？已有的练习记录会保留。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="67" />
        <source>Not retired</source>
        <translation>未能停用</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="72" />
        <source>Publish set (Ctrl+Shift+P)</source>
        <translation>发布练习题组（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/publishing.py" line="76" />
        <source>Retire set… (Ctrl+Shift+I)</source>
        <translation>停用练习题组…（Ctrl+Shift+I）</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <location filename="../../app/views/common/failures.py" line="57" />
        <source>the workspace file could not be read or written (%1)</source>
        <translation>工作区数据文件无法读写（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="39" />
        <source>an unexpected error (%1)</source>
        <translation>意外错误（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="29" />
        <source>the workspace file %1 is empty or damaged; it was left as it is. Restore it from a backup, or have a technician look at it (work not yet sent is only there)</source>
        <translation>工作区数据文件 %1 为空或已损坏，程序没有改动它。请从备份恢复，或请技术人员查看（尚未发送的工作只在这个文件里）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="46" />
        <source>the disk is full: the workspace file cannot grow</source>
        <translation>磁盘已满，工作区数据文件无法写入</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="47" />
        <source>the workspace file is in use by another program</source>
        <translation>工作区数据文件正被其他程序占用</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="48" />
        <source>the workspace file is read-only</source>
        <translation>工作区数据文件为只读</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="49" />
        <source>the disk could not read or write the workspace file</source>
        <translation>磁盘读写工作区数据文件时出错</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="50" />
        <source>the workspace file cannot be opened</source>
        <translation>无法打开工作区数据文件</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="51" />
        <source>the workspace file is damaged</source>
        <translation>工作区数据文件已损坏</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="52" />
        <source>a folder stands where the workspace file should be</source>
        <translation>工作区数据文件的位置上是一个文件夹</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="53" />
        <source>the workspace was closed</source>
        <translation>工作区已关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="63" />
        <source>A background task</source>
        <translation>后台任务</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="64" />
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="84" />
        <source>An action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>Flagging</name>
    <message>
        <location filename="../../app/views/kb/flagging.py" line="37" />
        <source>Flag a correction</source>
        <translation>知识库纠错</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/flagging.py" line="38" />
        <source>What is wrong or outdated in this answer (briefly):</source>
        <translation>这条答复口径哪里有误或已过时（简要说明）：</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/flagging.py" line="56" />
        <source>Flag not recorded</source>
        <translation>纠错未能记录</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <location filename="../../app/views/followup/page.py" line="26" />
        <source>Follow-up calls</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="28" />
        <source>Orders to reopen first, then closed orders never called, oldest first.</source>
        <translation>待重办的优先，其次是尚未回访的已办结工单，先办结的在前。</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="35" />
        <source>&amp;1 Due a call (%1)</source>
        <translation>&amp;1 待回访（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="41" />
        <source>No closed orders are waiting for a follow-up call.</source>
        <translation>暂无待回访的已办结工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="45" />
        <source>Record call</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="46" />
        <location filename="../../app/views/followup/page.py" line="124" />
        <source>Reopen</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="55" />
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="57" />
        <source>Reply: %1</source>
        <translation>答复：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="75" />
        <source>When unsatisfied: what the appellant is unsatisfied with</source>
        <translation>不满意时必填：诉求人对什么不满意</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="77" />
        <source>Appellant r&amp;eached</source>
        <translation>已联系上诉求人(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="79" />
        <source>Choose whether the appellant was reached</source>
        <translation>请选择是否联系上诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="82" />
        <source>Unit had &amp;contacted them</source>
        <translation>承办单位曾联系诉求人(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="85" />
        <source>Choose whether the unit had contacted the appellant</source>
        <translation>请选择承办单位是否联系过诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="89" />
        <source>&amp;Resolved</source>
        <translation>已解决(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="68" />
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="69" />
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="70" />
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="91" />
        <source>Choose whether the appeal was resolved</source>
        <translation>请选择诉求是否已解决</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="94" />
        <source>&amp;Satisfaction</source>
        <translation>满意度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="97" />
        <source>Choose the appellant's satisfaction</source>
        <translation>请选择诉求人的满意度</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="99" />
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="117" />
        <source>Follow-up call on %1 recorded.</source>
        <translation>工单 %1 的回访已记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="128" />
        <source>Back to %1 with a new reply deadline.</source>
        <translation>退回%1重新办理，重新计算答复时限。</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="129" />
        <source>the dispatch queue</source>
        <translation>待派单队列</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="136" />
        <source>Unresolved or unsatisfied at the follow-up call</source>
        <translation>回访未解决或不满意</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="137" />
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/followup/page.py" line="140" />
        <source>Order %1 reopened.</source>
        <translation>工单 %1 已重新办理。</translation>
    </message>
</context>
<context>
    <name>Fonts</name>
    <message>
        <location filename="../../app/views/shell/fonts.py" line="28" />
        <source>No Chinese font is installed: Chinese text shows as empty boxes. Install one (on Debian, Ubuntu, UOS or Kylin: {line}) and start Hotline Desk again.</source>
        <translation>没有安装中文字体：中文会显示为空白方框。请先安装中文字体（Debian、Ubuntu、统信UOS、银河麒麟：{line}），再重新启动热线工作台。</translation>
    </message>
</context>
<context>
    <name>HeldIntakes</name>
    <message>
        <location filename="../../app/views/intake/held.py" line="37" />
        <source>(no number)</source>
        <translation>（无号码）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/held.py" line="38" />
        <source>(nothing typed)</source>
        <translation>（未填写内容）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/held.py" line="75" />
        <source>Ctrl+Shift+H: choose, Enter resumes, Delete discards, Esc back to the form</source>
        <translation>Ctrl+Shift+H 选择，回车继续受理，Delete 删除，Esc 返回表单</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/held.py" line="94" />
        <source>Held intakes (%1)</source>
        <translation>挂起的受理（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/held.py" line="116" />
        <source>Discard held intake</source>
        <translation>删除挂起的受理</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/held.py" line="118" />
        <source>Discard the held intake %1? What was typed in it cannot be recovered.</source>
        <translation>删除挂起的受理 %1？其中已填写的内容将无法恢复。</translation>
    </message>
</context>
<context>
    <name>IntakeExtras</name>
    <message>
        <location filename="../../app/views/intake/extras.py" line="51" />
        <source>110 police</source>
        <translation>110 公安</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="52" />
        <source>119 fire</source>
        <translation>119 消防</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="53" />
        <source>120 ambulance</source>
        <translation>120 急救</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="54" />
        <source>122 traffic</source>
        <translation>122 交警</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="55" />
        <source>Another city's 12345</source>
        <translation>外市12345</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="58" />
        <source>Provincial line</source>
        <translation>省热线</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="33" />
        <source>Malicious complaint</source>
        <translation>恶意投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="34" />
        <source>False complaint</source>
        <translation>虚假投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="35" />
        <source>Hard case</source>
        <translation>疑难件</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="70" />
        <source>Order number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="71" />
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="72" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="73" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="105" />
        <source>same caller</source>
        <translation>同一来电人</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="107" />
        <source>similar %1%</source>
        <translation>相似%1%</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="119" />
        <source>Likely &amp;duplicates</source>
        <translation>疑似重复(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="203" />
        <source>Looking for duplicates</source>
        <translation>查找重复诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="210" />
        <source>This may repeat an earlier appeal: Ctrl+Shift+A attaches the caller to the selected order instead of creating a new one.</source>
        <translation>可能与已有诉求重复：按 Ctrl+Shift+A 将来电人并入所选工单，不新建工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="214" />
        <source>No likely duplicates (same caller or same place and matter, 7 days).</source>
        <translation>7天内无疑似重复（同一来电人，或同一镇街的相似事项）。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="247" />
        <source>No earlier order selected to attach the caller to.</source>
        <translation>未选择要并入的已有工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="251" />
        <source>Attach caller</source>
        <translation>并入已有工单</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="253" />
        <source>Attach this caller to %1 (%2) instead of recording a new order?</source>
        <translation>将本次来电人并入 %1（%2），不新建工单？</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="264" />
        <source>&amp;Note</source>
        <translation>来电内容(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="265" />
        <source>Attach (Ctrl+Enter)</source>
        <translation>并入（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="269" />
        <source>Enter the caller's number first</source>
        <translation>请先填写来电号码</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="274" />
        <source>Caller attached to order %1.</source>
        <translation>来电人已并入工单 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="281" />
        <source>Transfer</source>
        <translation>转办</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="282" />
        <source>The appeal is recorded and transferred, so it is never dropped.</source>
        <translation>诉求先登记再转办，确保不遗漏。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="290" />
        <source>Why it goes there (required)</source>
        <translation>转办理由（必填）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="291" />
        <source>&amp;Transfer to</source>
        <translation>转至(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="292" />
        <location filename="../../app/views/intake/extras.py" line="344" />
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="293" />
        <source>Record and transfer (Ctrl+Enter)</source>
        <translation>登记并转办（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="299" />
        <source>Order %1 recorded and transferred.</source>
        <translation>工单 %1 已登记并转办。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="321" />
        <source>Type the caller's number: their earlier orders are flagged.</source>
        <translation>请先输入来电号码：标记针对该来电人以往的工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="328" />
        <source>Flag the caller of the chosen order. Nothing is deleted; the flag and reason are kept.</source>
        <translation>标记所选工单的来电人。不会删除任何内容，标记及理由均予保留。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="342" />
        <source>&amp;Order</source>
        <translation>工单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="325" />
        <source>Flag appellant</source>
        <translation>标记诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="343" />
        <source>&amp;Kind</source>
        <translation>类别(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/extras.py" line="359" />
        <source>The appellant of %1 is flagged.</source>
        <translation>工单 %1 的诉求人已标记。</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../app/views/intake/page.py" line="112" />
        <source>e.g. 138 0000 1234 or 0760-8888 1234</source>
        <translation>如 138 0000 1234 或 0760-8888 1234</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="119" />
        <source>Keep identity confidential</source>
        <translation>身份保密（不向承办单位透露）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="150" />
        <source>Answered on the call (close at first contact)</source>
        <translation>当场答复（直接办结）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="154" />
        <source>The answer given to the caller</source>
        <translation>向来电人作出的答复</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="170" />
        <source>Caller &amp;number</source>
        <translation>来电号码(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="171" />
        <source>Appellant &amp;kind</source>
        <translation>诉求人类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="172" />
        <source>N&amp;ame</source>
        <translation>姓名(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="173" />
        <source>Compan&amp;y</source>
        <translation>单位名称(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="175" />
        <source>Appeal &amp;type</source>
        <translation>诉求类型(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="176" />
        <source>&amp;Urgency</source>
        <translation>紧急程度(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="177" />
        <source>C&amp;hannel</source>
        <translation>受理渠道(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="178" />
        <source>Cate&amp;gory</source>
        <translation>问题分类(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="179" />
        <source>To&amp;wn</source>
        <translation>镇街(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="180" />
        <source>Add&amp;ress</source>
        <translation>详细地址(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="181" />
        <source>Recei&amp;ved</source>
        <translation>受理时间(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="182" />
        <source>T&amp;itle</source>
        <translation>标题(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="183" />
        <source>&amp;Content</source>
        <translation>诉求内容(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="185" />
        <source>An&amp;swer</source>
        <translation>答复内容(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="199" />
        <source>New intake (F2)</source>
        <translation>新建受理 (F2)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="216" />
        <source>Appeal</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="243" />
        <source>Caller history</source>
        <translation>来电历史</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="275" />
        <source>Answer and close (Ctrl+Enter)</source>
        <translation>答复并办结 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="277" />
        <source>Save for dispatch (Ctrl+Enter)</source>
        <translation>保存待派单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="290" />
        <source>The intake that was being typed has been restored.</source>
        <translation>已恢复上次未保存的受理内容。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="320" />
        <source>Answer from the knowledge base: %1 (v%2)</source>
        <translation>答复取自知识库：%1（第 %2 版）</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="428" />
        <source>Resumed the held intake from %1.</source>
        <translation>已继续受理 %1 的来电。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="430" />
        <source>The intake that was on the form is held.</source>
        <translation>表单上原有的受理已挂起。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="480" />
        <source>Order %1 recorded. Read the number back to the caller.</source>
        <translation>工单 %1 已受理，请向来电人复述工单号。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="492" />
        <source>Type the caller's number to see earlier appeals.</source>
        <translation>输入来电号码即可查看其历史诉求。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="500" />
        <source>First call from this number.</source>
        <translation>该号码首次来电。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="503" />
        <source>Repeat caller: %1 earlier appeals, %2 still open.</source>
        <translation>老户：历史诉求 %1 件，其中 %2 件未办结。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="560" />
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/intake/page.py" line="598" />
        <source>%n problem(s) to fix before saving.</source>
        <translation>
            <numerusform>有 %n 处需修改后才能保存。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/intake/history.py" line="63" />
        <source>Flagged before: %1</source>
        <translation>此前被标记：%1</translation>
    </message>
</context>
<context>
    <name>KbDialog</name>
    <message>
        <location filename="../../app/views/kb/dialog.py" line="40" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/dialog.py" line="47" />
        <source>Use this answer (Ctrl+Enter)</source>
        <translation>采用此答复 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/dialog.py" line="52" />
        <source>Flag a correction… (Ctrl+Shift+J)</source>
        <translation>纠错…（Ctrl+Shift+J）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/dialog.py" line="60" />
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
<context>
    <name>KbHitModel</name>
    <message>
        <location filename="../../app/views/kb/models.py" line="77" />
        <source>expired</source>
        <translation>已失效</translation>
    </message>
</context>
<context>
    <name>KbQueuePage</name>
    <message>
        <location filename="../../app/views/kb/queue.py" line="81" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="82" />
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="83" />
        <source>Proposals waiting</source>
        <translation>待审提议</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="84" />
        <source>Flags open</source>
        <translation>未处理纠错</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="85" />
        <source>Expiring</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="103" />
        <source>The answer as it will be published by Edit and approve:</source>
        <translation>“修改后通过”将发布的答复口径（可在此修改）：</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="107" />
        <source>Approve (Ctrl+Shift+P)</source>
        <translation>通过（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="108" />
        <source>Return… (Ctrl+Shift+B)</source>
        <translation>退回…（Ctrl+Shift+B）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="110" />
        <source>Edit and approve (Ctrl+Shift+E)</source>
        <translation>修改后通过（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="112" />
        <source>Resolve flag (Ctrl+Shift+D)</source>
        <translation>处理纠错（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="180" />
        <source>(no unit)</source>
        <translation>（未指定单位）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="201" />
        <source> [stale]</source>
        <translation>［已过时］</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="202" />
        <source>Proposal: %1%2</source>
        <translation>提议：%1%2</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="204" />
        <source>Returned: %1</source>
        <translation>已退回：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="207" />
        <source>Flag: %1 — %2</source>
        <translation>纠错：%1 — %2</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="210" />
        <source>Expires %1: %2</source>
        <translation>%1到期：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="229" />
        <source>Nothing waits here.</source>
        <translation>这里没有待办事项。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="241" />
        <source>Returned by %1: %2</source>
        <translation>%1退回：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="245" />
        <location filename="../../app/views/kb/queue.py" line="278" />
        <source>Proposed</source>
        <translation>提议版本</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="248" />
        <source>Expires on %1: propose a revision or a new expiry date.</source>
        <translation>将于%1到期：请提出修订或新的有效期。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="252" />
        <location filename="../../app/views/kb/queue.py" line="326" />
        <source>Current</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="259" />
        <source>Proposed by %1 (%2) from version %3.</source>
        <translation>%1（%2）基于第%3版提出。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="263" />
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="266" />
        <source>Changed: %1</source>
        <translation>改动：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="270" />
        <source>Stale: the article was published again (version %1) after the version this proposal started from (%2); both are shown.</source>
        <translation>已过时：提议所依据的是第%2版，其后文章已发布第%1版；两版均已列出。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="277" />
        <source>Current version %1</source>
        <translation>当前第%1版</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="282" />
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="283" />
        <source>caller phrasings</source>
        <translation>来电问法</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="284" />
        <source>answer</source>
        <translation>答复口径</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="285" />
        <source>category</source>
        <translation>问题分类</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="286" />
        <source>unit</source>
        <translation>负责单位</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="287" />
        <source>keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="288" />
        <source>legal basis</source>
        <translation>政策依据</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="289" />
        <source>effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="290" />
        <source>expiry date</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="305" />
        <source>(new article)</source>
        <translation>（新文章）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="308" />
        <source>Version %1, which the proposal started from</source>
        <translation>提议所依据的第%1版</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="319" />
        <source>Flagged by %1 on version %2: %3</source>
        <translation>%1对第%2版纠错：%3</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="338" />
        <source>Return proposal</source>
        <translation>退回提议</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="338" />
        <source>Reason (the unit reads it):</source>
        <translation>退回理由（所属单位可见）：</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="356" />
        <source>Resolve flag</source>
        <translation>处理纠错</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="356" />
        <source>What was done:</source>
        <translation>处理情况：</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/queue.py" line="366" />
        <source>Not recorded</source>
        <translation>未能记录</translation>
    </message>
</context>
<context>
    <name>KbSearchBox</name>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="83" />
        <source>Words, pinyin or initials: 停水, shebao, jtwz …</source>
        <translation>输入词语、拼音或首字母：停水、shebao、jtwz …</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="117" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/kb/widgets.py" line="126" />
        <source>%n article(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="128" />
        <source>No good match: no article fits what was typed.</source>
        <translation>没有合适的文章：没有哪篇文章符合所输入的内容。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/widgets.py" line="130" />
        <source>No article matches.</source>
        <translation>没有匹配的知识。</translation>
    </message>
</context>
<context>
    <name>KbSuggestPanel</name>
    <message>
        <location filename="../../app/views/kb/suggest.py" line="44" />
        <location filename="../../app/views/kb/suggest.py" line="98" />
        <source>Knowledge base suggestions</source>
        <translation>知识库推荐</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/suggest.py" line="83" />
        <source>Articles appear here as the appeal is typed. Ctrl+K searches.</source>
        <translation>录入诉求时，这里会推荐相关知识；Ctrl+K 可随时搜索。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/suggest.py" line="91" />
        <source>No good match in the knowledge base for this appeal.</source>
        <translation>知识库中没有与此诉求相符的文章。</translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <location filename="../../app/views/kb/page.py" line="48" />
        <source>&amp;Edit (new version)</source>
        <translation>编辑（生成新版本）(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="49" />
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="50" />
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="52" />
        <source>Flag a correction… (Ctrl+Shift+J)</source>
        <translation>纠错…（Ctrl+Shift+J）</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="102" />
        <source>Articles %1 · proposals waiting %2 · flags open %3 · expiring %4</source>
        <translation>文章 %1 · 待审提议 %2 · 未处理纠错 %3 · 即将到期 %4</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="133" />
        <source>Revision proposed; the editor reviews it</source>
        <translation>已提交修订，待知识库管理员审核</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="147" />
        <source>Import articles</source>
        <translation>导入知识</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="147" />
        <source>JSON Lines (*.jsonl *.json)</source>
        <translation>JSON Lines 文件 (*.jsonl *.json)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="155" />
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="167" />
        <source>%1 proposed to the editor, %2 unchanged.</source>
        <translation>已提交 %1 篇修订待审核，%2 篇未变。</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="170" />
        <source>%1 new, %2 updated (new versions), %3 unchanged.</source>
        <translation>新增 %1 条，更新 %2 条（生成新版本），未变 %3 条。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/kb/page.py" line="179" />
        <source>%n line(s) not imported:</source>
        <translation>
            <numerusform>%n 行未导入：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="181" />
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="185" />
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="195" />
        <source>Export articles</source>
        <translation>导出知识</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="197" />
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../app/views/kb/page.py" line="201" />
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/kb/page.py" line="201" />
        <source>%n article(s) written.</source>
        <translation>
            <numerusform>已导出 %n 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/views/common/labels.py" line="42" />
        <source>Awaiting dispatch</source>
        <translation>待派单</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="43" />
        <source>Awaiting sign-off</source>
        <translation>待签收</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="44" />
        <source>In handling</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="45" />
        <source>Return under review</source>
        <translation>退单待审</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="46" />
        <source>Reply under review</source>
        <translation>答复待审</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="47" />
        <source>Awaiting closure</source>
        <translation>待办结</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="48" />
        <location filename="../../app/views/common/labels.py" line="131" />
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="49" />
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="50" />
        <location filename="../../app/views/common/labels.py" line="135" />
        <source>Merged</source>
        <translation>已并单</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="51" />
        <location filename="../../app/views/common/labels.py" line="137" />
        <source>Transferred</source>
        <translation>已转办</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="58" />
        <source>Enquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="59" />
        <source>Request for help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="60" />
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="61" />
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="62" />
        <source>Report of wrongdoing</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="63" />
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="64" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="71" />
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="72" />
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="73" />
        <source>Critical</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="80" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="81" />
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="82" />
        <source>Zhongshan+ app</source>
        <translation>中山+</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="83" />
        <source>Business line</source>
        <translation>企业服务专线</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="84" />
        <source>Leadership line</source>
        <translation>书记市长直通车</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="85" />
        <source>Other channel</source>
        <translation>其他渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="92" />
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="93" />
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="94" />
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="101" />
        <source>Operator</source>
        <translation>话务员</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="102" />
        <source>Dispatcher</source>
        <translation>派单员</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="103" />
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="104" />
        <source>Trainer</source>
        <translation>培训师</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="105" />
        <source>Analyst</source>
        <translation>分析员</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="106" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="107" />
        <source>Knowledge-base editor</source>
        <translation>知识库管理员</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="114" />
        <source>Intake</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="115" />
        <source>Answered on the call</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="116" />
        <source>Dispatched</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="117" />
        <source>Signed for</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="118" />
        <source>Return requested</source>
        <translation>申请退单</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="119" />
        <source>Return ruled</source>
        <translation>退单审核</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="120" />
        <source>Re-dispatched</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="121" />
        <source>Extension requested</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="122" />
        <source>Extension ruled</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="123" />
        <source>Unreasonable-appeal application</source>
        <translation>申请认定不合理诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="126" />
        <source>Unreasonable-appeal ruling</source>
        <translation>不合理诉求审核</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="129" />
        <source>Replied</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="130" />
        <source>Reviewed</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="132" />
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="133" />
        <source>Reopened</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="134" />
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="136" />
        <source>Caller added</source>
        <translation>追加来电人</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="138" />
        <source>Flagged</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="139" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="140" />
        <source>Call record</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="141" />
        <source>Drill attempt</source>
        <translation>练习作答</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="142" />
        <source>Full number shown</source>
        <translation>查看完整号码</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="143" />
        <source>Renumbered</source>
        <translation>重新编号</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="144" />
        <source>Article proposed</source>
        <translation>提交文章修订</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="145" />
        <source>Proposal ruled</source>
        <translation>审核文章修订</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="146" />
        <source>Correction flagged</source>
        <translation>知识库纠错</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="147" />
        <source>Correction resolved</source>
        <translation>纠错已处理</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="148" />
        <source>Drill published</source>
        <translation>发布练习</translation>
    </message>
    <message>
        <location filename="../../app/views/common/labels.py" line="149" />
        <source>Drill retired</source>
        <translation>停用练习</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <location filename="../../app/views/shell/launch.py" line="100" />
        <source>Starting synchronisation</source>
        <translation>启动同步</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/launch.py" line="208" />
        <source>Preparing the demo workspace…</source>
        <translation>正在准备演示数据…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/launch.py" line="278" />
        <source>Writing the workspace file to disk</source>
        <translation>工作区数据写入磁盘</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/launch.py" line="327" />
        <source>Preparing the screens</source>
        <translation>准备界面</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="33" />
        <source>Sign in to the central store</source>
        <translation>登录中心服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="46" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="50" />
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="51" />
        <source>&amp;User</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="52" />
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="54" />
        <source>The password is never stored; the sign-in is kept in the system keyring.</source>
        <translation>密码不会被保存；登录凭据保存在系统密钥环中。</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="70" />
        <source>Enter the server, your user name and your password.</source>
        <translation>请填写服务器地址、用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="74" />
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../app/views/sync/login_dialog.py" line="86" />
        <source>Could not sign in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="102" />
        <source>Hotline Desk — Zhongshan 12345</source>
        <translation>热线工作台 — 中山12345</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="80" />
        <source>Intake</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="101" />
        <source>Orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="112" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="301" />
        <source>This role does not take calls.</source>
        <translation>此身份不接听来电。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="315" />
        <source>No intake is held.</source>
        <translation>没有挂起的受理。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="319" />
        <source>Intake (%1 held)</source>
        <translation>受理（挂起 %1）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="358" />
        <location filename="../../app/views/shell/main_window.py" line="367" />
        <location filename="../../app/views/shell/main_window.py" line="371" />
        <source>Open order</source>
        <translation>打开工单</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="358" />
        <source>Order number as the caller reads it:</source>
        <translation>来电人报出的工单号：</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="367" />
        <location filename="../../app/views/shell/main_window.py" line="371" />
        <source>No order %1 here.</source>
        <translation>本机没有工单 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="419" />
        <source>No such order here.</source>
        <translation>此处没有该工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/intake/page.py" line="575" />
        <source>Order %1 recorded; its number is on the clipboard.</source>
        <translation>工单 %1 已受理，工单号已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="120" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="126" />
        <source>KB queue</source>
        <translation>知识库审核</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="179" />
        <source>Refused steps</source>
        <translation>被拒操作</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/shell/main_window.py" line="490" />
        <source>%n change(s) from other workstations</source>
        <translation>
            <numerusform>收到其他工位的 %n 条更新</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="468" />
        <source>Signing out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="164" />
        <source>Drills</source>
        <translation>知识库练习</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="172" />
        <source>Drill dashboard</source>
        <translation>练习看板</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="240" />
        <source>Merge</source>
        <translation>并单</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="242" />
        <source>Merge %1 into the order it repeats; its callers join that order.</source>
        <translation>将 %1 并入其重复的工单，来电人一并转入。</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="255" />
        <source>Same matter, merged</source>
        <translation>同一事项，并单处理</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="256" />
        <source>&amp;Into order</source>
        <translation>并入工单(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="257" />
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/views/common/messages.py" line="13" />
        <source>Enter the caller's number</source>
        <translation>请填写来电号码</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="14" />
        <source>A phone number has digits only (+86, spaces, dashes allowed)</source>
        <translation>来电号码只能包含数字（可带 +86、空格或横线）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="17" />
        <source>Not a valid number: mobiles have 11 digits, landlines need the area code</source>
        <translation>号码格式不正确：手机号为11位，固话需带区号</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="20" />
        <source>A company or organisation needs its name</source>
        <translation>企业或组织来电请填写单位名称</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="23" />
        <source>Enter a title</source>
        <translation>请填写标题</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="24" />
        <source>Enter what the caller is asking for</source>
        <translation>请填写诉求内容</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="27" />
        <source>Choose a category</source>
        <translation>请选择问题分类</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="28" />
        <source>Choose one of Zhongshan's towns and subdistricts</source>
        <translation>请选择中山市的镇街</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="31" />
        <source>The time received cannot be in the future</source>
        <translation>受理时间不能晚于当前时间</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="34" />
        <source>The time received cannot be more than a year ago</source>
        <translation>受理时间不能早于一年前</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="37" />
        <source>A direct answer needs the answer text</source>
        <translation>直接答复须填写答复内容</translation>
    </message>
    <message>
        <location filename="../../app/views/common/messages.py" line="47" />
        <source>Too long: at most %1 characters, now %2. Shorten it before saving.</source>
        <translation>内容过长：最多 %1 字，当前 %2 字，请精简后再保存。</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <location filename="../../app/views/common/operation.py" line="44" />
        <source>Not allowed: %1</source>
        <translation>不允许：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/common/operation.py" line="46" />
        <source>This order is not here (any more), or not one of yours.</source>
        <translation>本工作站没有这张工单（或已不在），或它不属于您。</translation>
    </message>
    <message>
        <location filename="../../app/views/common/operation.py" line="48" />
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/common/operation.py" line="49" />
        <source>Could not complete this: %1</source>
        <translation>未能完成：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/common/operation.py" line="57" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>OrderChoice</name>
    <message>
        <location filename="../../app/views/orders/choice.py" line="22" />
        <source>Open order</source>
        <translation>打开工单</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/choice.py" line="23" />
        <source>Several orders answer to %1:</source>
        <translation>有多张工单对应编号 %1（重号已由中心重新编号）：</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <location filename="../../app/views/orders/detail.py" line="92" />
        <source>Order %1</source>
        <translation>工单 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="126" />
        <source>(not given)</source>
        <translation>（未提供）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="130" />
        <location filename="../../app/views/orders/detail.py" line="133" />
        <source>[confidential]</source>
        <translation>【保密】</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="130" />
        <source>(not shown to your role)</source>
        <translation>（本岗位不显示）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="134" />
        <source>Caller</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="135" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="136" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="138" />
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="139" />
        <source>Appellant</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="147" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="149" />
        <source>Type / urgency</source>
        <translation>类型 / 紧急程度</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="155" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="157" />
        <source>Category</source>
        <translation>问题分类</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="159" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="161" />
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="164" />
        <source>%1 (a duplicate number, renumbered by the central store)</source>
        <translation>%1（重号，已由中心重新编号）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="170" />
        <source>Former number</source>
        <translation>原编号</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="171" />
        <source>Due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="318" />
        <source>assisted by %1</source>
        <translation>协办：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="177" />
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="178" />
        <source>Order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="186" />
        <source>Appeal</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="191" />
        <source>Answer given</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="109" />
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="176" />
        <source>%1 (assisted by %2)</source>
        <translation>%1（协办：%2）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="194" />
        <source>Knowledge-base article %1, version %2</source>
        <translation>知识库文章 %1（第 %2 版）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/orders/detail.py" line="205" />
        <source>overdue by %n working day(s)</source>
        <translation>
            <numerusform>已超期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/orders/detail.py" line="208" />
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩余 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="225" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="226" />
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="227" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="228" />
        <location filename="../../app/views/orders/detail.py" line="261" />
        <source>Central store</source>
        <translation>中心接收</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="229" />
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="271" />
        <source>waiting to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="273" />
        <source>refused</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="275" />
        <source>accepted</source>
        <translation>已接收</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/orders/detail.py" line="286" />
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/orders/detail.py" line="286" />
        <location filename="../../app/views/orders/detail.py" line="288" />
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/orders/detail.py" line="288" />
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n分钟</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="291" />
        <source>recorded %1 after it arrived (clock ahead)</source>
        <translation>记录时间晚于接收时间%1（工作站时钟偏快）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="292" />
        <source>arrived %1 after it was recorded (offline)</source>
        <translation>记录后%1才送达（离线）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="296" />
        <location filename="../../app/views/orders/detail.py" line="300" />
        <source>This record cannot be read by this version of Hotline Desk</source>
        <translation>此记录无法由当前版本读取</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="307" />
        <source>Recorded as %1</source>
        <translation>受理，工单号 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="310" />
        <source>%1 was already in use: now %2</source>
        <translation>%1 已被占用，改为 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="320" />
        <source>return upheld</source>
        <translation>同意退单</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="320" />
        <source>return refused</source>
        <translation>不同意退单</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="322" />
        <source>approved</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="322" />
        <source>not approved</source>
        <translation>不同意</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/orders/detail.py" line="324" />
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="326" />
        <source>caller not reached</source>
        <translation>未联系上来电人</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="328" />
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="328" />
        <source>not resolved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/detail.py" line="336" />
        <source>into order %1</source>
        <translation>并入工单 %1</translation>
    </message>
</context>
<context>
    <name>OrderListPage</name>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="64" />
        <source>Search the words, an order number (or a part of it) or the caller's number</source>
        <translation>搜索标题和内容、工单编号（可只输一部分）或来电号码</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="68" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="69" />
        <source>All open</source>
        <translation>全部未办结</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="73" />
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="77" />
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="86" />
        <source>&amp;Received between</source>
        <translation>受理日期(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="87" />
        <source>&amp;Overdue only</source>
        <translation>仅看超期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="212" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/list_page.py" line="216" />
        <source>Counting the orders</source>
        <translation>统计工单数</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/orders/list_page.py" line="245" />
        <source>%n order(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderModels</name>
    <message>
        <location filename="../../app/views/orders/models.py" line="52" />
        <location filename="../../app/views/orders/models.py" line="143" />
        <source>Order number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="53" />
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="54" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="55" />
        <location filename="../../app/views/orders/models.py" line="145" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="56" />
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="57" />
        <location filename="../../app/views/orders/models.py" line="146" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="58" />
        <source>Caller</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="59" />
        <source>Due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="103" />
        <source>%1 (overdue)</source>
        <translation>%1（超期）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="113" />
        <source>(confidential)</source>
        <translation>（保密）</translation>
    </message>
    <message>
        <location filename="../../app/views/orders/models.py" line="144" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>OrderSummary</name>
    <message>
        <location filename="../../app/views/work/panel.py" line="77" />
        <source>%1 (full number, viewing recorded)</source>
        <translation>%1（完整号码，查看已记录）</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="81" />
        <source>Confidential appellant: identity withheld from handling units</source>
        <translation>保密诉求人：不向承办单位提供身份信息</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="82" />
        <source>%1 (confidential)</source>
        <translation>%1（保密）</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="90" />
        <source>Select an order in the list.</source>
        <translation>请在列表中选择工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="93" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="95" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="99" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="100" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="101" />
        <source>Caller</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="102" />
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="103" />
        <source>Reply due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="110" />
        <source>Units</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="114" />
        <source>Other callers</source>
        <translation>其他来电人</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/work/panel.py" line="115" />
        <source>%n more caller(s)</source>
        <translation>
            <numerusform>另有%n位来电人</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="119" />
        <source>returned %1, extended %2, reopened %3</source>
        <translation>退单%1次，延期%2次，重办%3次</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="122" />
        <source>History</source>
        <translation>经历</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/work/panel.py" line="162" />
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n个工作日</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../app/views/work/queue_page.py" line="147" />
        <source>Nothing waiting here.</source>
        <translation>暂无待办工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_page.py" line="240" />
        <source>Not allowed: %1</source>
        <translation>不允许：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_page.py" line="258" />
        <source>Show full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_page.py" line="282" />
        <source>The full number cannot be shown to your role.</source>
        <translation>本岗位不能查看完整号码。</translation>
    </message>
    <message>
        <location filename="../../app/views/work/queue_page.py" line="272" />
        <source>Full number of %1 shown; this was recorded.</source>
        <translation>已显示 %1 的完整号码；本次查看已记录。</translation>
    </message>
</context>
<context>
    <name>ReportOrdersDialog</name>
    <message>
        <location filename="../../app/views/reports/page.py" line="531" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/reports/page.py" line="542" />
        <source>%n order(s); double-click one to open it.</source>
        <translation>
            <numerusform>共 %n 件工单；双击打开。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="545" />
        <source>Loading the orders</source>
        <translation>加载工单</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../app/views/reports/charts.py" line="47" />
        <source>Orders a day, against the previous period</source>
        <translation>每日受理量（与上期对比）</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/charts.py" line="50" />
        <location filename="../../app/views/reports/charts.py" line="121" />
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/charts.py" line="52" />
        <location filename="../../app/views/reports/charts.py" line="124" />
        <location filename="../../app/views/reports/tables.py" line="197" />
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/charts.py" line="72" />
        <source>Day of the period</source>
        <translation>期内第几天</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/charts.py" line="97" />
        <source>Others %1</source>
        <translation>其余合计 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/charts.py" line="149" />
        <location filename="../../app/views/reports/tables.py" line="321" />
        <source>Overdue by unit</source>
        <translation>各单位超期情况</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/charts.py" line="151" />
        <location filename="../../app/views/reports/tables.py" line="324" />
        <source>Open past deadline</source>
        <translation>在办超期</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/charts.py" line="153" />
        <location filename="../../app/views/reports/tables.py" line="325" />
        <source>Closed late</source>
        <translation>超期办结</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="43" />
        <source>Appeal analysis report: %1, %2</source>
        <translation>诉求分析报告：%1，%2</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="66" />
        <source>None in this period.</source>
        <translation>本期无。</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="73" />
        <source>The first %1 of %2 rows; the CSV and XLSX files have them all.</source>
        <translation>仅列前 %1 行（共 %2 行）；CSV 与 XLSX 文件含全部数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="143" />
        <location filename="../../app/views/reports/tables.py" line="253" />
        <source>Orders by %1</source>
        <translation>按%1分布</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="152" />
        <source>Top %1 by orders</source>
        <translation>%1受理量排行</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="183" />
        <source>Appeal analysis report</source>
        <translation>诉求分析报告</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="184" />
        <source>Zhongshan 12345 hotline</source>
        <translation>中山市12345政务服务便民热线</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="185" />
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="186" />
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="187" />
        <location filename="../../app/views/reports/tables.py" line="214" />
        <source>Orders received</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="188" />
        <source>Figures as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="189" />
        <source>Compared with</source>
        <translation>对比期间</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/export.py" line="190" />
        <source>Made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/models.py" line="79" />
        <source>Number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/models.py" line="80" />
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/models.py" line="81" />
        <location filename="../../app/views/reports/tables.py" line="63" />
        <source>Type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/models.py" line="82" />
        <location filename="../../app/views/reports/tables.py" line="66" />
        <location filename="../../app/views/reports/tables.py" line="348" />
        <location filename="../../app/views/reports/tables.py" line="387" />
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/models.py" line="83" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/models.py" line="84" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="51" />
        <source>First-contact resolution</source>
        <translation>直接办结率</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="52" />
        <source>Closed on time</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="53" />
        <source>Return rate</source>
        <translation>退单率</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="54" />
        <source>Response rate</source>
        <translation>响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="55" />
        <source>Resolution rate</source>
        <translation>解决率</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="56" />
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="64" />
        <location filename="../../app/views/reports/tables.py" line="347" />
        <location filename="../../app/views/reports/tables.py" line="389" />
        <source>Category</source>
        <translation>问题分类</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="65" />
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="67" />
        <location filename="../../app/views/reports/tables.py" line="292" />
        <location filename="../../app/views/reports/tables.py" line="323" />
        <source>Unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="74" />
        <source>Category in a town</source>
        <translation>镇街内某类问题</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="75" />
        <source>Category, citywide</source>
        <translation>全市某类问题</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="76" />
        <source>Town, all categories</source>
        <translation>镇街全部问题</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="120" />
        <source>Not dispatched</source>
        <translation>未派单</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="138" />
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="154" />
        <source>%1/%2/%3</source>
        <comment>year/month/day</comment>
        <translation>%1年%2月%3日</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="162" />
        <source>%1/%2</source>
        <comment>month/day</comment>
        <translation>%1月%2日</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="174" />
        <source>%1/%2</source>
        <comment>month/day, the month already named</comment>
        <translation>%2日</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="186" />
        <source>Compared with the same days of the previous period (%1)</source>
        <translation>与上期同期（%1）相比</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="190" />
        <source>Compared with the previous period (%1)</source>
        <translation>与上期（%1）相比</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="196" />
        <source>Same days, previous period</source>
        <translation>上期同期</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="203" />
        <source>Figures</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="205" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="206" />
        <source>Value</source>
        <translation>本期</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="207" />
        <source>Counted</source>
        <translation>分子 / 分母</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="209" />
        <location filename="../../app/views/reports/tables.py" line="261" />
        <source>Change</source>
        <translation>环比</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="238" />
        <source>. </source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="239" />
        <source>Open a figure to see the orders its denominator counts but its numerator does not (the misses); the volume row opens every order.</source>
        <translation>双击指标可查看计入分母但未计入分子的工单（即未达标工单）；受理量一行打开全部工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="258" />
        <location filename="../../app/views/reports/tables.py" line="349" />
        <location filename="../../app/views/reports/tables.py" line="390" />
        <source>Orders</source>
        <translation>工单数</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="259" />
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="289" />
        <source>Units ranked by the three rates</source>
        <translation>承办单位三率排名</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="291" />
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="293" />
        <source>Dispatched</source>
        <translation>派单量</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="295" />
        <source>Score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="303" />
        <source>not ranked</source>
        <translation>不排名</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="311" />
        <source>Score: the mean of the ranked rates. Units with fewer than %1 dispatched orders are listed but not ranked.</source>
        <translation>综合得分为参与排名各率的平均值。派单量少于 %1 件的单位列出但不排名。</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="326" />
        <source>Due</source>
        <translation>应办结</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="344" />
        <source>Hot spots</source>
        <translation>热点问题</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="346" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="350" />
        <source>Baseline a day</source>
        <translation>基线日均</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="351" />
        <source>Times baseline</source>
        <translation>为基线倍数</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="365" />
        <source>new</source>
        <translation>新出现</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="371" />
        <source>A hot spot has at least %1 orders and a daily volume at least %2 times its mean over the previous %3 periods.</source>
        <translation>热点：本期不少于 %1 件，且日均量不低于前 %3 期日均量的 %2 倍。</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="385" />
        <source>Repeated appeals about one address</source>
        <translation>同一地址重复诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="388" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/tables.py" line="405" />
        <source>Appeals naming the same place (spelling and room number aside) are one problem; at least %1 orders.</source>
        <translation>指向同一地点的诉求（忽略写法与房号差异）视为一个问题；不少于 %1 件。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../app/views/reports/page.py" line="134" />
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="135" />
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="136" />
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="137" />
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="147" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="154" />
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="156" />
        <source>Town: %1</source>
        <translation>镇街：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="160" />
        <source>Unit: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="162" />
        <source>&amp;Make report</source>
        <translation>生成报表(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="164" />
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="165" />
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="166" />
        <source>Export &amp;XLSX…</source>
        <translation>导出 XLSX(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="184" />
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="189" />
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="110" />
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="111" />
        <source>Mix</source>
        <translation>构成</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="112" />
        <source>Units</source>
        <translation>单位排名</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="113" />
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="114" />
        <source>Hot spots</source>
        <translation>热点</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="211" />
        <source>Double-click a row to see its orders</source>
        <translation>双击一行查看相关工单</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="246" />
        <source>Orders by:</source>
        <translation>分布维度：</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="287" />
        <source>Repeated appeals about one address</source>
        <translation>同一地址重复诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="390" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="390" />
        <source>Making the report</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="415" />
        <source>Orders by %1</source>
        <translation>按%1分布</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="433" />
        <source>Top %1 by orders</source>
        <translation>%1受理量排行</translation>
    </message>
    <message>
        <location filename="../../app/views/reports/page.py" line="485" />
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../app/views/shell/screens.py" line="135" />
        <source>Dispatch</source>
        <translation>派单审核</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/screens.py" line="145" />
        <source>Unit work</source>
        <translation>承办工作</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/roles.py" line="24" />
        <location filename="../../app/views/shell/screens.py" line="155" />
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/roles.py" line="36" />
        <source>Demo user</source>
        <translation>演示身份</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/roles.py" line="39" />
        <source>Demo user (Ctrl+Shift+U): </source>
        <translation>演示身份（Ctrl+Shift+U）：</translation>
    </message>
</context>
<context>
    <name>RulingDialog</name>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="204" />
        <source>Ruling</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="210" />
        <source>&amp;Days</source>
        <translation>延期天数(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="211" />
        <source>New deadline</source>
        <translation>新期限</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="224" />
        <source>&amp;Opinion</source>
        <translation>意见(&amp;O)</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../app/views/work/panel.py" line="286" />
        <source>Not allowed: %1</source>
        <translation>不允许：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/work/panel.py" line="288" />
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
</context>
<context>
    <name>SyncFailures</name>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="19" />
        <source>the central store cannot be reached (the network or the server is down)</source>
        <translation>无法连接中心服务器（网络或服务器故障）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="24" />
        <source>the central store's answer was incomplete or not understood; try again later</source>
        <translation>中心服务器的应答不完整或无法识别，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="35" />
        <source>another sync of this workspace is running; try again when it has finished</source>
        <translation>本工作区的另一次同步正在进行，请在其完成后再试</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="41" />
        <source>synchronisation failed (%1)</source>
        <translation>同步失败（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="48" />
        <source>wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="49" />
        <source>the sign-in has expired; sign in again</source>
        <translation>登录已过期，请重新登录</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="50" />
        <source>the sign-in is no longer valid; sign in again</source>
        <translation>登录已失效，请重新登录</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="51" />
        <source>this user is disabled; ask an administrator</source>
        <translation>该用户已停用，请联系管理员</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="52" />
        <source>not signed in to the central store</source>
        <translation>尚未登录中心服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="53" />
        <source>the sign-in is no longer in the system keyring; sign in again</source>
        <translation>系统密钥环中已没有登录凭据，请重新登录</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="59" />
        <source>not signed in, or the sign-in is no longer valid; sign in again</source>
        <translation>尚未登录或登录已失效，请重新登录</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="67" />
        <source>the only keyring found would keep the sign-in in a file, which is refused; the password was not sent. Use the system keyring (ask your technician)</source>
        <translation>找到的密钥环会把登录凭据存成文件，已拒绝使用，密码没有发送。请使用系统密钥环（请联系技术人员）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="72" />
        <source>this computer has no usable system keyring, so the sign-in cannot be kept safely (ask your technician to set one up)</source>
        <translation>这台电脑没有可用的系统密钥环，无法安全保存登录凭据（请联系技术人员配置）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="81" />
        <source>the server address is not valid: it must be https://host:port</source>
        <translation>服务器地址无效，须为 https://主机:端口</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="84" />
        <source>the address uses plain http to another machine: the password would cross the network unencrypted. Use https://</source>
        <translation>该地址以明文 http 连接其他电脑，密码会在网络上以明文传送。请使用 https://</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="89" />
        <source>the server's certificate must be verified</source>
        <translation>必须校验服务器证书</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="91" />
        <source>the connection to the server is not safe</source>
        <translation>与服务器的连接不安全</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="97" />
        <source>too many failed sign-ins: this user is locked; an administrator can lift it</source>
        <translation>登录失败次数过多，该用户已被锁定，可请管理员解除</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="104" />
        <source>too many failed sign-ins: wait before trying again</source>
        <translation>登录失败次数过多，请稍候再试</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="107" />
        <source>the server's certificate could not be verified</source>
        <translation>服务器证书校验失败</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="108" />
        <source>the server sends elsewhere; not followed (check the address)</source>
        <translation>服务器要求转到其他地址，已拒绝跟随（请核对地址）</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="111" />
        <source>this user's role may not do that on the central store</source>
        <translation>该用户的角色无权在中心服务器上进行此操作</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="114" />
        <source>the central store does not allow that for this user</source>
        <translation>中心服务器不允许该用户进行此操作</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="117" />
        <source>the central store does not accept this version of Hotline Desk</source>
        <translation>中心服务器不接受此版本的热线工作台，请升级</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="120" />
        <source>the central store is busy; try again shortly</source>
        <translation>中心服务器繁忙，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="121" />
        <source>the central store refused the request as too large</source>
        <translation>请求过大，中心服务器拒绝接收</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="124" />
        <location filename="../../app/views/common/sync_reasons.py" line="125" />
        <source>the central store could not read the request</source>
        <translation>中心服务器无法识别该请求</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="128" />
        <source>the address does not lead to a Hotline Desk central store</source>
        <translation>该地址不是热线工作台的中心服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/common/sync_reasons.py" line="134" />
        <source>the central store refused the request (code %1)</source>
        <translation>中心服务器拒绝了请求（代码 %1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/common/sync_reasons.py" line="141" />
        <source> (try again in %n minute(s))</source>
        <translation>
            <numerusform>（%n 分钟后再试）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/sync/bridge.py" line="107" />
        <source>Warning: the connection to %1 is not encrypted (http): the password and the sign-in cross the network in clear text.</source>
        <translation>警告：与 %1 的连接未加密（http），密码和登录凭据以明文传送。</translation>
    </message>
</context>
<context>
    <name>TrainerPage</name>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="59" />
        <source>Dashboard</source>
        <translation>成绩看板</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="60" />
        <source>Drill sets</source>
        <translation>练习题组</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="72" />
        <source>Drill &amp;set:</source>
        <translation>练习题组(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="75" />
        <source>Export CSV… (Ctrl+Shift+X)</source>
        <translation>导出 CSV… (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="86" />
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="87" />
        <location filename="../../app/views/drills/trainer.py" line="261" />
        <source>Category</source>
        <translation>问题分类</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="88" />
        <location filename="../../app/views/drills/trainer.py" line="102" />
        <source>Attempts</source>
        <translation>作答次数</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="89" />
        <source>Right</source>
        <translation>全对</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="90" />
        <source>Accuracy</source>
        <translation>正确率</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="91" />
        <source>Median time</source>
        <translation>用时中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="99" />
        <source>Caller's words</source>
        <translation>来电原话</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="100" />
        <source>Set</source>
        <translation>题组</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="101" />
        <source>Missed</source>
        <translation>答错次数</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="103" />
        <source>Miss rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="104" />
        <source>Most often picked instead</source>
        <translation>最常误选</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="111" />
        <source>Accuracy and median time per trainee and category</source>
        <translation>各学员分类别正确率与用时中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="113" />
        <source>Most often missed scenarios</source>
        <translation>最常答错的题目</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="140" />
        <source>All sets</source>
        <translation>全部题组</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="183" />
        <source>%1 trainees, %2 attempts, %3 right</source>
        <translation>学员 %1 人，作答 %2 次，全对 %3 次</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="205" />
        <source>Export drill figures</source>
        <translation>导出练习成绩</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="205" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="216" />
        <source>Name of a new or existing set</source>
        <translation>新建或已有题组的名称</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="220" />
        <source>Any category</source>
        <translation>不限分类</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="225" />
        <source>Any unit</source>
        <translation>不限单位</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="230" />
        <source>any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="231" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="235" />
        <source>Generate from the knowledge base</source>
        <translation>从知识库生成</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="242" />
        <source>Set &amp;name</source>
        <translation>题组名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="243" />
        <source>&amp;Category</source>
        <translation>问题分类(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="244" />
        <source>&amp;Unit</source>
        <translation>承办单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="245" />
        <source>Articles changed in the &amp;last</source>
        <translation>知识更新于最近(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="246" />
        <source>Callers per &amp;article</source>
        <translation>每条知识取来电数(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="250" />
        <source>Generate scenarios from calls answered with the knowledge base</source>
        <translation>用按知识库直接答复的来电生成题目</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="339" />
        <source>No call answered with a matching article in force yet (confidential callers are never used).</source>
        <translation>还没有按符合条件的有效知识条目直接答复的来电（保密来电从不使用）。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="257" />
        <source>Caller's words (double-click to edit)</source>
        <translation>来电原话（双击编辑）</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="258" />
        <source>Article</source>
        <translation>知识条目</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="259" />
        <source>Appeal type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="260" />
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="327" />
        <source>Name the set first.</source>
        <translation>请先填写题组名称。</translation>
    </message>
    <message>
        <location filename="../../app/views/drills/trainer.py" line="345" />
        <source>%1 new scenarios, %2 already in the set.</source>
        <translation>新增 %1 道题，%2 道已在题组中。</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../app/views/unit/page.py" line="26" />
        <source>Wrong territory</source>
        <translation>属地不符</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="27" />
        <source>Unclear ownership</source>
        <translation>权属不清</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="28" />
        <source>Overlapping duties</source>
        <translation>职能交叉</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="31" />
        <source>Not our duty</source>
        <translation>非本单位职责</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="32" />
        <source>Other reason</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="46" />
        <source>no unit</source>
        <translation>未指定单位</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="48" />
        <source>&amp;1 Orders of %1 (%2)</source>
        <translation>&amp;1 %1的工单（%2）</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="54" />
        <source>Unit work</source>
        <translation>承办工作</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="56" />
        <source>Only orders your unit leads or assists; nearest deadline first.</source>
        <translation>只显示本单位主办或协办的工单，期限近的在前。</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="63" />
        <source>No open orders for your unit.</source>
        <translation>本单位暂无在办工单。</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="67" />
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="68" />
        <location filename="../../app/views/unit/page.py" line="98" />
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="73" />
        <location filename="../../app/views/unit/page.py" line="132" />
        <source>Ask for extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="75" />
        <source>Return</source>
        <translation>退单</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="80" />
        <location filename="../../app/views/unit/page.py" line="177" />
        <source>Unreasonable appeal</source>
        <translation>不合理诉求</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="92" />
        <source>Order %1 signed for.</source>
        <translation>工单 %1 已签收。</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="106" />
        <source>Appellant &amp;contacted</source>
        <translation>已联系诉求人(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="108" />
        <source>Choose whether the appellant was contacted</source>
        <translation>请选择是否已联系诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="111" />
        <source>&amp;Resolved</source>
        <translation>已解决(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="115" />
        <source>&amp;Public reply</source>
        <translation>答复内容(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="104" />
        <source>What was done, as the appellant will hear it</source>
        <translation>办理情况，将告知诉求人</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="113" />
        <source>Choose whether the appeal was resolved</source>
        <translation>请选择诉求是否已解决</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="116" />
        <source>Reply (Ctrl+Enter)</source>
        <translation>答复（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="126" />
        <source>Reply to %1 sent for review.</source>
        <translation>工单 %1 的答复已提交审核。</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="136" />
        <source> working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="139" />
        <source>&amp;Days</source>
        <translation>延期天数(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="140" />
        <location filename="../../app/views/unit/page.py" line="180" />
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="145" />
        <source>Extension for %1 requested.</source>
        <translation>工单 %1 已申请延期。</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="151" />
        <source>Return to the centre</source>
        <translation>退单</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="157" />
        <source>Why the order is not this unit's, and whose it is</source>
        <translation>为何不属本单位、应属哪个单位</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="159" />
        <source>&amp;Why</source>
        <translation>退单原因(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="163" />
        <source>Choose the reason for the return</source>
        <translation>请选择退单理由</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="166" />
        <source>&amp;Details</source>
        <translation>具体说明(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="171" />
        <source>Order %1 returned to the centre.</source>
        <translation>工单 %1 已退回热线中心。</translation>
    </message>
    <message>
        <location filename="../../app/views/unit/page.py" line="185" />
        <source>Application for %1 sent.</source>
        <translation>工单 %1 的申请已提交。</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="47" />
        <source>Filter units</source>
        <translation>筛选单位</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="74" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/views/dispatch/dialogs.py" line="75" />
        <source>Chosen: %1</source>
        <translation>已选：%1</translation>
    </message>
</context>
</TS>